// Files the tool reads back are checked before they are trusted: a checkpoint, an explore result
// or a shard's states file with a flipped byte or a missing field is refused with exit 2, naming
// the file and what is wrong, and nothing is resumed or merged from it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckpointError, readCheckpoint } from '../engines/bfs/checkpoint.ts';
import { ResultFileError, readResultFile } from '../pipelines/result-file.ts';
import { checkedContent, jsonWithChecksum, withChecksum } from '../trace/checksum.ts';
import { cli, scratch } from './testing.ts';

const scenario = ['--preset', 'durable', '--depth', '5'];
let dir = '';
let checkpoint = '';
let results: string[] = [];

/** Positions spread over the whole file, the first and last bytes included. */
function spread(length: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor((i * (length - 1)) / (n - 1)));
}

function flipped(bytes: Uint8Array, at: number): Uint8Array {
  // A copy: a Buffer's slice is a view of the same bytes.
  const copy = new Uint8Array(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

function refusal(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    if (error instanceof CheckpointError || error instanceof ResultFileError) return error.message;
    throw error;
  }
  return 'accepted';
}

beforeAll(() => {
  dir = scratch();
  checkpoint = join(dir, 'run.ckpt');
  expect(cli(['explore', ...scenario, '--checkpoint', checkpoint, '--out', dir]).code).toBe(0);
  for (const shard of ['1/2', '2/2'])
    expect(cli(['explore', ...scenario, '--shard', shard, '--out', dir]).code).toBe(0);
  results = readdirSync(dir)
    .filter((f) => /shard\dof2\.explore\.json$/.test(f))
    .map((f) => join(dir, f));
  expect(results).toHaveLength(2);
});

describe('damaged files', () => {
  it('damaged files: every one of 25 flipped bytes of a checkpoint is refused, and the whole one resumes', () => {
    // Expected: CheckpointError naming the file for each flip; the undamaged file reads.
    expect(() => readCheckpoint(checkpoint)).not.toThrow();
    const bytes = readFileSync(checkpoint);
    const damaged = join(dir, 'damaged.ckpt');
    for (const at of spread(bytes.length, 25)) {
      writeFileSync(damaged, flipped(bytes, at));
      expect(
        refusal(() => readCheckpoint(damaged)),
        `byte ${at}`,
      ).toMatch(/damaged\.ckpt (is refused|is not)/);
    }
  });

  it('damaged files: a checkpoint missing any field, or with one out of its range, is refused naming it', () => {
    // Expected: with a valid checksum over the edited content, the schema names the field.
    const value = deserialize(
      checkedContent(readFileSync(checkpoint)).ok
        ? (checkedContent(readFileSync(checkpoint)) as { content: Uint8Array }).content
        : new Uint8Array(),
    ) as Record<string, unknown>;
    const edited = join(dir, 'edited.ckpt');
    for (const field of [
      'visited',
      'position',
      'ids',
      'frontierBase',
      'seconds',
      'levelStarts',
      'frontier',
      'next',
      'edges',
    ]) {
      const { [field]: _, ...rest } = value;
      writeFileSync(edited, withChecksum(serialize(rest)));
      expect(
        refusal(() => readCheckpoint(edited)),
        field,
      ).toContain(`edited.ckpt is not a whole checkpoint: ${field}`);
    }
    for (const [field, bad] of [
      ['position', 1e9],
      ['frontierBase', -1],
      ['levelStarts', [5, 1]],
      ['end', 0],
    ] as const) {
      writeFileSync(edited, withChecksum(serialize({ ...value, [field]: bad })));
      expect(
        refusal(() => readCheckpoint(edited)),
        field,
      ).toContain(`edited.ckpt is not a whole checkpoint: ${field}`);
    }
  });

  it('damaged files: an explore result with a flipped byte or a missing field is refused naming it', () => {
    // Expected: ResultFileError for every flip (not JSON, or a checksum that no longer holds) and for each dropped field.
    const file = results[0]!;
    expect(readResultFile(file).states).toBeGreaterThan(0);
    const bytes = readFileSync(file);
    const damaged = join(dir, 'damaged.explore.json');
    for (const at of spread(bytes.length, 25)) {
      writeFileSync(damaged, flipped(bytes, at));
      expect(
        refusal(() => readResultFile(damaged)),
        `byte ${at}`,
      ).toContain('damaged.explore.json');
    }
    const { checksum: _, ...value } = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    for (const field of ['states', 'edges', 'identity', 'shard', 'statesFile', 'verdict', 'counterexample']) {
      const { [field]: __, ...rest } = value;
      writeFileSync(damaged, jsonWithChecksum(rest));
      expect(
        refusal(() => readResultFile(damaged)),
        field,
      ).toContain(`is not a whole explore result: ${field}`);
    }
    writeFileSync(damaged, jsonWithChecksum({ ...value, states: -3 }));
    expect(refusal(() => readResultFile(damaged))).toContain('is not a whole explore result: states');
  });

  it('damaged files: merge and --resume refuse damaged files with exit 2, one line, no stack trace', () => {
    // Expected: exit 2 naming the file, for a checkpoint, a result and a states file each damaged once.
    const statesFile = readdirSync(dir).find((f) => f.endsWith('shard1of2.states.bin'))!;
    const states = readFileSync(join(dir, statesFile));
    writeFileSync(join(dir, statesFile), flipped(states, 20));
    const merge = cli(['merge', ...results]);
    writeFileSync(join(dir, statesFile), states);
    expect([merge.code, merge.stderr]).toEqual([
      2,
      expect.stringContaining(`${statesFile}, the states file of`),
    ]);
    expect(cli(['merge', ...results]).code).toBe(0);

    const result = readFileSync(results[1]!, 'utf8');
    writeFileSync(results[1]!, result.replace(/"edges": \d+/, '"edges": 1'));
    const edited = cli(['merge', ...results]);
    writeFileSync(results[1]!, result);
    expect([edited.code, edited.stderr]).toEqual([2, expect.stringContaining('its checksum does not match')]);

    const bytes = readFileSync(checkpoint);
    const damaged = join(dir, 'cut.ckpt');
    writeFileSync(damaged, bytes.subarray(0, bytes.length - 7));
    const resume = cli(['explore', ...scenario, '--resume', damaged, '--out', dir]);
    expect([resume.code, resume.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(resume.stderr).toContain('cut.ckpt is refused: it has no checksum trailer');
    for (const run of [merge, edited, resume]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
