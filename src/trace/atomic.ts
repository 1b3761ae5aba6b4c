/** Writing a file whole or not at all: to a temporary beside it, then renamed into place. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let temporaries = 0;

/** Writes a file whole or not at all. */
export function writeAtomically(path: string, text: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  temporaries++;
  const temporary = join(dirname(path), `.deliverycheck.${process.pid}.${temporaries}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
