// The matrix command: presets checked on worker threads give the rows one thread gives, in the
// same order, and a bad --group or --workers exits 2 naming what is allowed.
import { describe, expect, it } from 'vitest';
import { cli as run, scratch } from './testing.ts';

const cli = (...args: string[]) => run(args);

/** A matrix run's presets, with the directory its trace files went to (`out`) named OUT. */
function rows(stdout: string, out: string): unknown[] {
  return JSON.parse(stdout.replaceAll(out, 'OUT')).presets;
}

describe('cli: matrix', () => {
  it('cli: matrix: two workers give exactly the rows of one', () => {
    // Expected: the same verdicts, counterexamples, seeds and paths, preset for preset. The
    // transactions group's six presets, one with a counterexample at this small budget: the rows'
    // equality is the point, the verdicts are the verdict tests'.
    const args = ['matrix', '--group', 'transactions', '--runs', '50', '--json'];
    const [outOne, outTwo] = [scratch(), scratch()];
    const one = cli(...args, '--workers', '1', '--out', outOne);
    const two = cli(...args, '--workers', '2', '--out', outTwo);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(rows(two.stdout, outTwo)).toEqual(rows(one.stdout, outOne));
    expect(rows(one.stdout, outOne)).toHaveLength(6);
    expect(
      rows(one.stdout, outOne).some((r) => (r as { counterexamples: unknown[] }).counterexamples.length > 0),
    ).toBe(true);
  });

  it('cli: matrix: bad --group and --workers exit 2 and say what is allowed', () => {
    // Expected: the groups are named; the worker count's range is named.
    const group = cli('matrix', '--group', 'consumers');
    expect(group.code).toBe(2);
    expect(group.stderr).toMatch(
      /--group must be one of all, producer, transactions, pipeline, protocol-bugs/,
    );
    const workers = cli('matrix', '--workers', '0');
    expect(workers.code).toBe(2);
    expect(workers.stderr).toMatch(/--workers must be a whole number from 1 to 64; got "0"/);
  });
});
