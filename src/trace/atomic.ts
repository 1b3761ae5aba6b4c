/**
 * Writing a file whole or not at all, and durably: write-file-atomic writes a temporary beside
 * it, fsyncs it and renames it into place, removing the temporary on any failure or exit; the
 * directory is then fsynced too, so the rename itself survives a power loss.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** A file the tool could not write: the path and the system's reason, for a one-line message. */
export class FileWriteError extends Error {
  readonly reason: string;

  constructor(path: string, reason: string) {
    super(`cannot write ${path}: ${reason}`);
    this.name = 'FileWriteError';
    this.reason = reason;
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a directory';
  if (code === 'ENOENT') return 'no such directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'no space left on the device';
  return code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Makes a directory and its missing parents one level at a time, and returns the ones it made,
 * outermost first. Node's own recursive mkdir never returns on some paths (`/proc/x`), and a
 * refusal here names the level that failed.
 */
export function makeDirectory(path: string): string[] {
  const missing: string[] = [];
  let at = path;
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) throw new FileWriteError(path, `${at} is a file, not a directory`);
      break;
    } catch (error) {
      if (error instanceof FileWriteError) throw error;
      const parent = dirname(at);
      missing.push(at);
      if (parent === at) break;
      at = parent;
    }
  }
  const made: string[] = [];
  for (const directory of missing.reverse()) {
    try {
      mkdirSync(directory);
      made.push(directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new FileWriteError(path, `cannot create the directory ${directory} (${reasonOf(error)})`);
    }
  }
  return made;
}

/** Writes a file whole or not at all, fsynced, with its directory made first. */
export function writeAtomically(path: string, text: string | Uint8Array): void {
  makeDirectory(dirname(path));
  try {
    writeFileAtomic.sync(
      path,
      typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength),
    );
  } catch (error) {
    throw new FileWriteError(path, reasonOf(error));
  }
  syncDirectory(dirname(path));
}

/** Flushes a directory's entries, where the system allows opening a directory to do so. */
function syncDirectory(directory: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(directory, 'r');
    fsyncSync(fd);
  } catch {
    // Some systems cannot fsync a directory; the file itself is already on disk.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
