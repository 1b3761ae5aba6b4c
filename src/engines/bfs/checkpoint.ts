/**
 * Checkpoints of the exhaustive explorer: the whole search (visited set, the level being expanded
 * and how far, the next level so far, the counters) in one file, written whole or not at all, so
 * a run killed at any moment resumes from the last checkpoint and reaches the same counts.
 */
import { readFileSync, statSync } from 'node:fs';
import { deserialize, getHeapStatistics, serialize } from 'node:v8';
import { z } from 'zod';
import { writeAtomically } from '../../trace/atomic.ts';
import { checkedContent, withChecksum } from '../../trace/checksum.ts';
import type { Model } from '../contract.ts';
import type { SearchState } from './bfs.ts';
import { type FrontierData, frontierFor, frontierKind } from './frontier.ts';
import { RECORD_WORDS, type VisitedData, VisitedSet } from './visited.ts';

export const CHECKPOINT_FORMAT = 'deliverycheck-checkpoint';
/**
 * Version 4: the file ends with a checksum of its content (version 3: fingerprints are hash.ts's,
 * and the visited set keeps per-state records; version 2: Kafka states fingerprinted by bytes).
 */
export const CHECKPOINT_VERSION = 4;

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
  writeAtomically(file, withChecksum(serialize(checkpoint)));
}

const count = z.number().int().min(0);

const frontierSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('objects'), items: z.array(z.unknown()) }),
  z.strictObject({ kind: z.literal('text'), items: z.array(z.string()) }),
  z.strictObject({
    kind: z.literal('packed'),
    bytes: z.instanceof(Uint8Array),
    ends: z.instanceof(Int32Array),
  }),
]);

function frontierLength(data: z.infer<typeof frontierSchema>): number {
  return data.kind === 'packed' ? data.ends.length : data.items.length;
}

/**
 * Every field of a checkpoint, and the agreements between them that a resumed search relies on:
 * the visited records are the visited count's, the levels start in order within it, and the
 * position lies within the level being expanded.
 */
const checkpointSchema = z
  .strictObject({
    format: z.literal(CHECKPOINT_FORMAT),
    version: z.literal(CHECKPOINT_VERSION),
    identity: z.string(),
    seconds: z.number().min(0),
    visited: z.strictObject({
      size: count,
      records: z.instanceof(Uint32Array),
      outDegrees: z.instanceof(Uint32Array),
    }),
    levelStarts: z.array(count).min(1),
    frontier: frontierSchema,
    frontierBase: count,
    ids: z.instanceof(Int32Array).nullable(),
    position: count,
    end: count,
    next: frontierSchema,
    edges: count,
    sharded: z.boolean(),
    depthCut: z.boolean(),
  })
  .superRefine((c, context) => {
    const problem = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    const { size } = c.visited;
    if (c.visited.records.length < size * RECORD_WORDS)
      problem('visited', `holds fewer records than its ${size} states`);
    if (c.visited.outDegrees.length > size)
      problem('visited', `holds more out-degrees than its ${size} states`);
    if (
      c.levelStarts[0] !== 0 ||
      c.levelStarts.some((s, i) => s > size || (i > 0 && s < c.levelStarts[i - 1]!))
    ) {
      problem('levelStarts', `must start at 0 and rise, within the ${size} visited states`);
    }
    if (c.end !== frontierLength(c.frontier))
      problem('end', `is ${c.end}, not the frontier's ${frontierLength(c.frontier)} states`);
    if (c.position > c.end) problem('position', `is ${c.position}, beyond the level's end ${c.end}`);
    if (c.ids !== null && c.ids.length !== c.end)
      problem('ids', `holds ${c.ids.length} ids for ${c.end} states`);
    if (c.frontierBase + (c.ids === null ? c.end : 0) > size)
      problem('frontierBase', `lies beyond the ${size} visited states`);
  });

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
  const checked = checkedContent(bytes);
  if (!checked.ok) throw new CheckpointError(`${file} is refused: ${olderVersion(bytes) ?? checked.problem}`);
  let value: unknown;
  try {
    value = deserialize(checked.content);
  } catch {
    throw new CheckpointError(`${file} is not a deliverycheck checkpoint (it does not decode)`);
  }
  const head = value as Partial<Checkpoint<S>> | null;
  if (typeof head !== 'object' || head === null || head.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(
      `${file} is not a deliverycheck checkpoint (expected format ${CHECKPOINT_FORMAT})`,
    );
  }
  if (head.version !== CHECKPOINT_VERSION)
    throw new CheckpointError(`${file} is refused: ${versionProblem(head.version)}`);
  const parsed = checkpointSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CheckpointError(
      `${file} is not a whole checkpoint: ${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`,
    );
  }
  return value as Checkpoint<S>;
}

function versionProblem(version: unknown): string {
  return `it is a version ${String(JSON.stringify(version)).slice(0, 40)} checkpoint; this deliverycheck resumes version ${CHECKPOINT_VERSION} only, whose fingerprints differ; run the search again without --resume`;
}

/** A checkpoint from before checksums reads whole without a trailer: say its version, not "damaged". */
function olderVersion(bytes: Uint8Array): string | null {
  try {
    const value = deserialize(bytes) as Partial<Checkpoint<unknown>> | null;
    if (value?.format === CHECKPOINT_FORMAT && value.version !== CHECKPOINT_VERSION)
      return versionProblem(value.version);
  } catch {
    // Not a whole older checkpoint either.
  }
  return null;
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
