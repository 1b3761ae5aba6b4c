/**
 * Checkpoints of the exhaustive explorer: the whole search (visited set, the level being expanded
 * and how far, the next level so far, the counters) in one file, written whole or not at all, so
 * a run killed at any moment resumes from the last checkpoint and reaches the same counts.
 */
import { readFileSync, statSync } from 'node:fs';
import { deserialize, getHeapStatistics, serialize } from 'node:v8';
import { writeAtomically } from '../../trace/atomic.ts';
import type { Model } from '../contract.ts';
import type { SearchState } from './bfs.ts';
import { type FrontierData, frontierFor, frontierKind } from './frontier.ts';
import { type VisitedData, VisitedSet } from './visited.ts';

export const CHECKPOINT_FORMAT = 'deliverycheck-checkpoint';
/**
 * Version 3: fingerprints are hash.ts's, no longer xxHash64's, and the visited set keeps per-state
 * records instead of a table of ids (version 2: Kafka states fingerprinted by their byte encoding).
 */
export const CHECKPOINT_VERSION = 3;

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

/**
 * A level as a checkpoint keeps it: state objects whose model encodes them as text are saved as
 * that text, which is smaller than the objects (whose shared parts a file cannot share) and reads
 * back without rebuilding them.
 */
function saved<S, A>(model: Model<S, A>, data: FrontierData<S>): FrontierData<S> {
  if (data.kind !== 'objects' || model.decode === undefined || model.encode === undefined) return data;
  if (typeof model.encode(model.initial) !== 'string') return data;
  return { kind: 'text', items: data.items.map((s) => model.encode!(s) as string) };
}

export function checkpointOf<S, A>(
  model: Model<S, A>,
  search: SearchState<S>,
  identity: string,
  seconds: number,
): Checkpoint<S> {
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    identity,
    seconds,
    visited: search.visited.copy(),
    levelStarts: [...search.levelStarts],
    frontier: saved(model, search.frontier.data()),
    frontierBase: search.frontierBase,
    ids: search.ids === null ? null : search.ids.slice(),
    position: search.position,
    end: search.end,
    next: saved(model, search.next.data()),
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
    // Reading a checkpoint back takes about twice its size in heap; refuse rather than crash.
    const size = statSync(file).size;
    const used = process.memoryUsage().heapUsed;
    if (used + 2 * size > getHeapStatistics().heap_size_limit) {
      const megabytes = Math.ceil((used + 4 * size) / 2 ** 20);
      throw new CheckpointError(
        `${file} holds ${Math.round(size / 2 ** 20)} MB, more than this process's heap can read back; ` +
          `resume with: node --max-old-space-size=${megabytes} bin/deliverycheck.mjs explore ... --resume ${file}`,
      );
    }
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
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
      `${file} is a version ${JSON.stringify(value.version)} checkpoint; this deliverycheck resumes version ${CHECKPOINT_VERSION} only, whose fingerprints differ; run the search again without --resume`,
    );
  }
  return value as Checkpoint<S>;
}

/** The search a checkpoint holds, ready to run on. */
export function restoreSearch<S, A>(
  model: Model<S, A>,
  checkpoint: Checkpoint<S>,
  workers: number,
): SearchState<S> {
  const shared = workers > 1;
  const visited = new VisitedSet(workers, shared, checkpoint.visited);
  // Levels saved as text stay text: parsing them all back into objects could outgrow the heap.
  const kind = checkpoint.frontier.kind === 'text' ? 'text' : frontierKind(model, shared);
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
    // A checkpoint holds no sleep sets: a search that uses them keeps none (explore.ts).
    sleep: null,
  };
}
