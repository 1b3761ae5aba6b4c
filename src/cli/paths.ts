/**
 * Checking the paths a run will write before it starts, so a bad --out or --checkpoint is refused
 * at once, with what is wrong, and not after an hour of search.
 */
import { accessSync, constants, rmdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { FileWriteError, makeDirectory } from '../trace/atomic.ts';
import { UsageError } from './output.ts';

function kindOf(path: string): 'file' | 'directory' | 'other' | null {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : 'other';
  } catch {
    return null;
  }
}

/**
 * A directory the run may write into: one that exists and is writable, or one that can be made
 * (made here and removed again, so a refused run leaves nothing behind).
 */
export function checkOutputDirectory(flag: string, path: string, named = path): void {
  if (path.length === 0) throw new UsageError(`${flag} needs a directory name; got an empty one`);
  const kind = kindOf(path);
  if (kind === 'directory') {
    try {
      accessSync(path, constants.W_OK);
    } catch {
      throw new UsageError(`${flag} ${named}: ${path} is not writable`);
    }
    return;
  }
  if (kind !== null) throw new UsageError(`${flag} ${named} is a ${kind}, not a directory; name a directory`);
  let made: string[];
  try {
    made = makeDirectory(path);
  } catch (error) {
    throw new UsageError(
      `${flag} ${named}: ${error instanceof FileWriteError ? error.reason : String(error)}`,
    );
  }
  for (const directory of made.reverse()) rmdirSync(directory);
}

/** A file the run may write: not a directory, in a directory that exists or can be made. */
export function checkOutputFile(flag: string, path: string): void {
  if (path.length === 0) throw new UsageError(`${flag} needs a file name; got an empty one`);
  const kind = kindOf(path);
  if (kind === 'directory') {
    throw new UsageError(`${flag} ${path} is a directory; name a file in it, like ${path}/run.ckpt`);
  }
  if (kind === 'other') throw new UsageError(`${flag} ${path} is not a regular file`);
  checkOutputDirectory(flag, dirname(path), path);
}
