// Running through the real binary: a progress bar for check and matrix on a terminal (a
// pseudo-terminal made by script(1)), none without one or with --json, and Ctrl-C during check
// telling what was found so far, with its trace files, and exiting 130.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bin, cli, scratch, start } from './testing.ts';

/** Runs the binary with its stdin, stdout and stderr on a pseudo-terminal; returns what it wrote there. */
function onTerminal(args: readonly string[]): string {
  const command = [process.execPath, bin, ...args].map((w) => `'${w}'`).join(' ');
  const run = spawnSync('script', ['-qfec', command, '/dev/null'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', TERM: 'xterm' },
  });
  expect(run.error).toBeUndefined();
  return run.stdout;
}

describe('progress and interruption', () => {
  it('check shows runs done, properties broken so far and the time on a terminal only', () => {
    const shown = onTerminal([
      'check',
      '--preset',
      'acks1-leader-failover',
      '--runs',
      '400',
      '--out',
      scratch(),
    ]);
    expect(shown).toMatch(/check \| .* \| \d+\/400 runs \| broken: (none yet|[a-z-, ]+) \| \d+s/);
    expect(shown).toContain('broken: no-loss');
    const piped = cli(['check', '--preset', 'acks1-leader-failover', '--runs', '400', '--out', scratch()]);
    expect(piped.stderr).not.toContain('runs | broken');
    const json = onTerminal([
      'check',
      '--preset',
      'acks1-leader-failover',
      '--runs',
      '400',
      '--json',
      '--out',
      scratch(),
    ]);
    expect(json).not.toContain('runs | broken');
  });

  it('matrix shows presets checked and violations found on a terminal only', () => {
    const args = ['matrix', '--group', 'producer', '--runs', '100', '--out', scratch()];
    const shown = onTerminal(args);
    expect(shown).toMatch(/matrix \| .* \| 10\/10 presets \| \d+ violations found \| \d+s/);
    const piped = cli(args);
    expect(piped.stderr).not.toContain('presets |');
    expect(piped.stderr).toContain('checked acks0-lossy');
  });

  it('Ctrl-C during check prints the verdicts so far, marked interrupted, with their trace files, and exits 130', async () => {
    const out = scratch();
    const run = start([
      'check',
      '--preset',
      'acks1-leader-failover',
      '--runs',
      '100000000',
      '--json',
      '--out',
      out,
    ]);
    // acks=1 loses a record within the first few dozen schedules; the budget would take hours.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    run.child.kill('SIGINT');
    const { code, stdout } = await run.ended;
    expect(code).toBe(130);
    const result = JSON.parse(stdout);
    expect(result.interrupted).toBe(true);
    expect(result.runs).toBeLessThan(100_000_000);
    expect(result.properties['no-loss']).toBe('violated');
    expect(Object.values(result.properties)).toContain('interrupted');
    for (const c of result.counterexamples) expect(existsSync(c.traceFile)).toBe(true);
    const replay = cli(['replay', result.counterexamples[0].traceFile]);
    expect(replay.code).toBe(1);
  });

  it('colour follows NO_COLOR and FORCE_COLOR, as picocolors reads them, and never colours --json', () => {
    const ansi = '\u001b[';
    const forced = cli(['presets'], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(forced.stdout).toContain(ansi);
    const refused = cli(['presets'], { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(refused.stdout).not.toContain(ansi);
    const json = cli(['presets', '--json'], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(json.stdout).not.toContain(ansi);
  });
});
