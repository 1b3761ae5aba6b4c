/**
 * Where the CLI writes: stdout for results, stderr for warnings and errors. Colour only on a
 * terminal, never with --json, never when NO_COLOR is set.
 */
import pc from 'picocolors';
import { noPaint, type Paint } from '../report/terminal.ts';

export function paintFor(stream: NodeJS.WriteStream, json: boolean): Paint {
  const colour = !json && stream.isTTY === true && process.env.NO_COLOR === undefined;
  if (!colour) return noPaint;
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
