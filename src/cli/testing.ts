/**
 * Test support for the CLI tests: run the real binary as a child process and make scratch
 * directories.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const bin = join(import.meta.dirname, '../../bin/deliverycheck.mjs');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The signal that ended the child, or null: SIGKILL when it ran past `timeoutMs`. */
  readonly signal: NodeJS.Signals | null;
}

export interface CliOptions {
  /** Kills the child after this many milliseconds (its run then has `signal` SIGKILL). */
  readonly timeoutMs?: number;
  /** The directory the child runs in. */
  readonly cwd?: string;
}

/**
 * Runs `deliverycheck ARGS...` to the end, without colour; `env` adds to (or hides, with undefined)
 * the environment; `options` bound its time and set its working directory.
 */
export function cli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  options: CliOptions = {},
): CliRun {
  const run = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.timeoutMs === undefined
      ? {}
      : { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const }),
  });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr, signal: run.signal };
}

export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'deliverycheck-'));
}

/**
 * Starts `deliverycheck ARGS...` in the background: the child, and a promise of its exit code (or
 * the signal that ended it) and what it printed on stdout.
 */
export function start(args: readonly string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  const ended = new Promise<{ code: number | string; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code: code ?? signal ?? -1, stdout })),
  );
  return { child, ended };
}

/** Waits until a file exists. */
export async function untilExists(file: string): Promise<void> {
  while (!existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 50));
}
