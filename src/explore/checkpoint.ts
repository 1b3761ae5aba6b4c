/**
 * Checkpoints of the exhaustive explorer: the whole search (visited set, the level being expanded
 * and how far, the next level so far, the counters) in one file, written whole or not at all, so
 * a run killed at any moment resumes from the last checkpoint and reaches the same counts.
 */
import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { writeAtomically } from '../trace/file.ts';
import type { SearchState } from './bfs.ts';
import { type FrontierData, frontierFor, frontierKind } from './frontier.ts';
import type { Model } from './model.ts';
import { type VisitedData, VisitedSet } from './visited.ts';

export const CHECKPOINT_FORMAT = 'deliverycheck-checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface Checkpoint<S> {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: typeof CHECKPOINT_VERSION;
  /** What was searched, and how: a resume must ask for the same. */
  readonly identity: string;
  /** Seconds spent before this checkpoint. */
  readonly seconds: number;
  readonly visited: VisitedData;
  readonly levelStarts: readonly number[];
  readonly frontier: FrontierData<S>;
  readonly frontierBase: number;
  readonly ids: Int32Array | null;
  readonly position: number;
  readonly end: number;
  readonly next: FrontierData<S>;
  readonly edges: number;
  readonly sharded: boolean;
  readonly depthCut: boolean;
}

export class CheckpointError extends Error {}

export function checkpointOf<S>(search: SearchState<S>, identity: string, seconds: number): Checkpoint<S> {
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    identity,
    seconds,
    visited: search.visited.copy(),
    levelStarts: [...search.levelStarts],
    frontier: search.frontier.data(),
    frontierBase: search.frontierBase,
    ids: search.ids === null ? null : search.ids.slice(),
    position: search.position,
    end: search.end,
    next: search.next.data(),
    edges: search.edges,
    sharded: search.sharded,
    depthCut: search.depthCut,
  };
}

export function writeCheckpoint<S>(file: string, checkpoint: Checkpoint<S>): void {
  writeAtomically(file, serialize(checkpoint));
}

export function readCheckpoint<S>(file: string): Checkpoint<S> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CheckpointError(
      `cannot read checkpoint ${file}: ${code === 'ENOENT' ? 'no such file' : String(error)}`,
    );
  }
  let value: Partial<Checkpoint<S>>;
  try {
    value = deserialize(bytes) as Partial<Checkpoint<S>>;
  } catch {
    throw new CheckpointError(`${file} is not a deliverycheck checkpoint (it does not decode)`);
  }
  if (typeof value !== 'object' || value === null || value.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(
      `${file} is not a deliverycheck checkpoint (expected format ${CHECKPOINT_FORMAT})`,
    );
  }
  if (value.version !== CHECKPOINT_VERSION) {
    throw new CheckpointError(
      `${file} is a version ${JSON.stringify(value.version)} checkpoint; this deliverycheck resumes version ${CHECKPOINT_VERSION} only`,
    );
  }
  return value as Checkpoint<S>;
}

/** The search a checkpoint holds, ready to run on. */
export function restoreSearch<S, A>(
  model: Model<S, A>,
  checkpoint: Checkpoint<S>,
  shared: boolean,
): SearchState<S> {
  const data = checkpoint.visited;
  let visited = new VisitedSet(shared, data);
  if (shared) {
    // Move the table into shared memory for the worker threads.
    const slots = new Uint32Array(new SharedArrayBuffer(data.slots.byteLength));
    slots.set(data.slots);
    visited = new VisitedSet(true, { ...data, slots });
  }
  const kind = frontierKind(model, shared);
  return {
    visited,
    levelStarts: [...checkpoint.levelStarts],
    kind,
    frontier: frontierFor(model, kind, checkpoint.frontier),
    frontierBase: checkpoint.frontierBase,
    ids: checkpoint.ids,
    position: checkpoint.position,
    end: checkpoint.end,
    next: frontierFor(model, kind, checkpoint.next),
    edges: checkpoint.edges,
    sharded: checkpoint.sharded,
    depthCut: checkpoint.depthCut,
  };
}
