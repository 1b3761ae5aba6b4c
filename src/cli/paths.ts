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

/** The nearest part of the path that exists. */
function existingAncestor(path: string): string {
  let at = path;
  while (kindOf(at) === null && dirname(at) !== at) at = dirname(at);
  return at;
}

/**
 * A directory the run may write into: one that exists, or one that can be made (made and removed
 * again here, so a refused run leaves nothing behind).
 */
export function checkOutputDirectory(flag: string, path: string, named = path): void {
  if (path.length === 0) throw new UsageError(`${flag} needs a directory name; got an empty one`);
  const kind = kindOf(path);
  if (kind === 'directory') {
    writable(flag, named, path);
    return;
  }
  if (kind !== null) throw new UsageError(`${flag} ${named} is a ${kind}, not a directory; name a directory`);
  const ancestor = existingAncestor(path);
  if (kindOf(ancestor) !== 'directory') {
    throw new UsageError(`${flag} ${named}: ${ancestor} is a file, so it cannot hold a directory`);
  }
  writable(flag, named, ancestor);
  probe(flag, named, path, ancestor);
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

function writable(flag: string, path: string, directory: string): void {
  try {
    accessSync(directory, constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${path}: ${directory} is not writable`);
  }
}

/** Makes the missing directories and removes them again: what a later write will need to do. */
function probe(flag: string, named: string, path: string, ancestor: string): void {
  try {
    makeDirectory(path);
  } catch (error) {
    const reason = error instanceof FileWriteError ? error.reason : String(error);
    throw new UsageError(`${flag} ${named}: ${reason}`);
  } finally {
    for (let at = path; at !== ancestor && dirname(at) !== at; at = dirname(at)) {
      try {
        rmdirSync(at);
      } catch {
        // Made by someone else in the meantime, or never made: either way not ours to remove.
      }
    }
  }
}
