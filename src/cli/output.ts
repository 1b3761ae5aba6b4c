/**
 * Where the CLI writes: stdout for results, stderr for warnings and errors. Whether to colour is
 * picocolors' decision (NO_COLOR and --no-color say no; FORCE_COLOR and --color say yes; else a
 * terminal or CI), never with --json.
 */
import pc from 'picocolors';
import { noPaint, type Paint } from '../report/terminal.ts';

export function paintFor(json: boolean): Paint {
  if (json || !pc.isColorSupported) return noPaint;
  return { bold: pc.bold, dim: pc.dim, red: pc.red, green: pc.green, yellow: pc.yellow };
}

export function out(lines: string | readonly string[]): void {
  process.stdout.write(`${typeof lines === 'string' ? lines : lines.join('\n')}\n`);
}

export function err(lines: string | readonly string[]): void {
  process.stderr.write(`${typeof lines === 'string' ? lines : lines.join('\n')}\n`);
}

/** An error the user can fix: a clear message, exit code 2, no stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
