/**
 * The shared-memory expander: worker threads expand a chunk of a level in blocks, one block each,
 * then add the successors they found to the visited table, each thread to its own partition of
 * it, in expansion order over all blocks, judging every new state. The table, the levels and the
 * successors are all in shared memory, so nothing is copied between threads. The main thread then
 * replays the new states into the search in expansion order, giving ids as one thread would: the
 * counts, the ids and the counterexample are those of the sequential search. Where the replay
 * stops early (a violation, the state bound), the table is rebuilt from the states that got ids.
 * It needs levels kept packed (a model whose encoding is bytes it can decode).
 */
import type { ModelFactory } from '../contract.ts';
import type { BfsOptions, Sink } from './bfs.ts';
import { bytesOf, endsOf, type Frontier, PackedFrontier } from './frontier.ts';
import { type ParallelExpander, workerPool } from './parallel.ts';
import {
  type BlockResult,
  type BlockTask,
  CANDIDATE_WORDS,
  DUPLICATE,
  HOLDS,
  type PartitionResult,
  type PartitionTask,
} from './shared-tasks.ts';
import type { VisitedSet } from './visited.ts';

/** States a chunk gives each worker. */
const CHUNK_STATES = 32_768;
/** Blocks a chunk is cut into per worker, so a worker that finishes early takes another. */
const BLOCKS_PER_WORKER = 2;

/** A level's states in shared memory, and the index in them of frontier state `from`. */
function sharedLevel<S>(frontier: Frontier<S>, from: number, to: number) {
  if (frontier instanceof PackedFrontier && frontier.shared) {
    return { bytes: frontier.bytes, ends: frontier.ends, base: 0 };
  }
  const data = frontier.data(from, to);
  if (data.kind !== 'packed') throw new Error('the shared-memory expander needs packed levels');
  const bytes = bytesOf(data.bytes.length, true);
  bytes.set(data.bytes);
  const ends = endsOf(data.ends.length, true);
  ends.set(data.ends);
  return { bytes, ends, base: from };
}

/** The mean length of the level's states in [from, to). */
function meanBytes(level: { bytes: Uint8Array; ends: Int32Array }, from: number, to: number): number {
  const start = from === 0 ? 0 : level.ends[from - 1]!;
  return (level.ends[to - 1]! - start) / Math.max(1, to - from);
}

/** A chunk's blocks, expanded and added to the table. */
interface ChunkWork {
  readonly blocks: readonly { from: number; to: number }[];
  readonly expanded: readonly BlockResult[];
}

export function sharedExpander<S>(
  factory: ModelFactory,
  options: BfsOptions,
  visited: VisitedSet,
  workers: number,
): ParallelExpander<S> {
  const pool = workerPool('shared-tasks', workers);
  const chunk = CHUNK_STATES * workers;
  /** Candidates a partition's list got per state expanded in the last chunk (two per state at first). */
  let listed = 2;

  /** Expands [from, to) in blocks, then adds the candidates to the table partition by partition. */
  async function work(frontier: Frontier<S>, from: number, to: number): Promise<ChunkWork> {
    const level = sharedLevel(frontier, from, to);
    const size = Math.ceil((to - from) / (workers * BLOCKS_PER_WORKER));
    const candidates = Math.ceil(size * listed * 1.25);
    const room = {
      candidates,
      bytes: Math.ceil(candidates * meanBytes(level, from - level.base, to - level.base)),
    };
    const tables = visited.parts.map((part) => part.slots);
    const blocks: { from: number; to: number }[] = [];
    for (let at = from; at < to; at += size) blocks.push({ from: at, to: Math.min(to, at + size) });
    const expanded = await Promise.all(
      blocks.map((block) => {
        const task: BlockTask = {
          task: 'expand',
          factory,
          symmetry: options.symmetry,
          bytes: level.bytes,
          ends: level.ends,
          from: block.from - level.base,
          to: block.to - level.base,
          tables,
          room,
        };
        return pool.run(task) as Promise<BlockResult>;
      }),
    );
    // The most candidates a partition's list got per state expanded, for the next chunk's room.
    listed = Math.max(
      1 / 64,
      ...expanded.map((r, b) => {
        const states = Math.max(1, blocks[b]!.to - blocks[b]!.from);
        return Math.max(...r.candidates.map((c) => c.count)) / states;
      }),
    );
    const claimed = await Promise.all(
      visited.parts.map((part, partition) => {
        const task: PartitionTask = {
          task: 'claim',
          table: part.slots,
          tableCount: part.count,
          blocks: expanded.map((r) => r.candidates[partition]!),
        };
        return pool.run(task) as Promise<PartitionResult>;
      }),
    );
    claimed.forEach((result, partition) => {
      const part = visited.parts[partition]!;
      part.slots = result.table;
      part.count = result.tableCount;
    });
    return { blocks, expanded };
  }

  // The next chunk of the level, begun while this one is replayed: its candidates are added to
  // the table after this chunk's, so the order is kept.
  let ahead: { frontier: Frontier<S>; from: number; to: number; work: Promise<ChunkWork> } | null = null;
  const settle = async () => {
    const pending = ahead;
    ahead = null;
    await pending?.work.catch(() => undefined);
  };
  return {
    chunk,
    async expand(frontier, from, to, sink) {
      const mine =
        ahead !== null && ahead.frontier === frontier && ahead.from === from && ahead.to === to
          ? ahead.work
          : null;
      if (mine === null) await settle();
      ahead = null;
      const done = await (mine ?? work(frontier, from, to));
      if (to < frontier.length) {
        const next = Math.min(frontier.length, to + chunk);
        ahead = { frontier, from: to, to: next, work: work(frontier, to, next) };
        ahead.work.catch(() => undefined);
      }
      if (!replay(done, sink)) {
        // The search stops here: the table must hold only the states that got ids.
        await settle();
        visited.rebuildTable();
      }
    },
    async close() {
      await settle();
      await pool.destroy();
    },
  };
}

/** Feeds the blocks' new states to the sink in expansion order; false when the search stopped. */
function replay<S>({ blocks, expanded }: ChunkWork, sink: Sink<S>): boolean {
  for (let b = 0; b < blocks.length; b++) {
    const { outDegrees, candidates, edgeBroken } = expanded[b]!;
    const start = blocks[b]!.from;
    // Each partition's list is in expansion order; the next candidate is the first of their heads.
    const next = candidates.map(() => 0);
    const order = (p: number) => {
      const { entries, count } = candidates[p]!;
      const k = next[p]!;
      if (k === count) return Number.POSITIVE_INFINITY;
      return entries[k * CANDIDATE_WORDS + 2]! * 65536 + entries[k * CANDIDATE_WORDS + 3]!;
    };
    for (let i = 0; i < outDegrees.length; i++) {
      sink.expanded(start + i, outDegrees[i]!);
      for (;;) {
        let p = 0;
        let first = order(0);
        for (let q = 1; q < candidates.length; q++) {
          const o = order(q);
          if (o < first) {
            first = o;
            p = q;
          }
        }
        if (first === Number.POSITIVE_INFINITY || Math.floor(first / 65536) !== i) break;
        const { entries, marks, bytes, ends } = candidates[p]!;
        const k = next[p]!++;
        const mark = marks[k]!;
        if (mark === DUPLICATE) continue;
        const judged = mark === HOLDS ? null : expanded[b]!.broken[mark]!;
        const encoded = bytes.subarray(k === 0 ? 0 : ends[k - 1]!, ends[k]!);
        const at = k * CANDIDATE_WORDS;
        const [hi, lo, action] = [entries[at]!, entries[at + 1]!, entries[at + 3]!];
        if (!sink.successor(start + i, action, null, hi, lo, judged, encoded, true)) return false;
      }
      if (edgeBroken !== null && edgeBroken.index === i) {
        sink.edgeBroken(start + i, edgeBroken.action, edgeBroken.broken);
        return false;
      }
    }
  }
  return true;
}
