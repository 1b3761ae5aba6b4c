/**
 * The two tasks of the shared-memory expander (shared.ts), run on worker threads. Everything they
 * read and write is in shared memory, so a task's message carries references, not states.
 *
 * - `expandBlock` expands a block of a level: per state its out-degree, and per successor not
 *   already in the table a candidate (fingerprint, origin, action, the state's bytes), in
 *   expansion order. It stops at a step that breaks a property. Most successors are states seen
 *   before: the probe that drops them costs less than copying their bytes to the main thread.
 *   Each candidate is judged there, while its state is at hand: its mark is the judgement.
 * - `claimPartition` adds to one partition of the table, in expansion order over every block, the
 *   candidates whose fingerprints belong to it (each block lists them apart), and marks those
 *   already there duplicates. The first of equal candidates in expansion order is the one kept,
 *   as on one thread.
 */
import type { Model, ModelFactory } from '../contract.ts';
import { loadModel } from '../factory.ts';
import { type Broken, brokenOnNewState, brokenOnStep } from '../judge.ts';
import { encoderFor } from './bfs.ts';
import { Fingerprint } from './fingerprint.ts';
import { bytesOf, endsOf, PackedFrontier } from './frontier.ts';
import { FingerprintTable, holdsFingerprint, partitionOf } from './table.ts';

/** Words of a candidate's entry: fingerprint high and low halves, origin in the block, action. */
export const CANDIDATE_WORDS = 4;
/** A candidate's mark: another candidate or an earlier state has its fingerprint. */
export const DUPLICATE = -2;
/** A candidate's mark: new, and it breaks no property. */
export const HOLDS = -1;

export interface BlockTask {
  readonly task: 'expand';
  readonly factory: ModelFactory;
  readonly symmetry: boolean;
  /** The level's packed states (shared) and the block [from, to) of it to expand. */
  readonly bytes: Uint8Array;
  readonly ends: Int32Array;
  readonly from: number;
  readonly to: number;
  /**
   * The table's partitions as the last chunk left them: a successor already there is a duplicate
   * and is not listed. No thread adds to them while blocks are expanded.
   */
  readonly tables: readonly Uint32Array[];
  /** Room to make at the start in each partition's list: candidates and their bytes. */
  readonly room: { readonly candidates: number; readonly bytes: number };
}

/**
 * A block's candidates, in shared memory. `marks` holds each one's judgement (HOLDS, or an index
 * into the block's `broken`), and the partitions' tasks mark duplicates.
 */
export interface Candidates {
  readonly count: number;
  readonly entries: Uint32Array;
  readonly bytes: Uint8Array;
  /** End of each candidate's bytes in `bytes`. */
  readonly ends: Int32Array;
  readonly marks: Int32Array;
}

export interface BlockResult {
  /** Enabled actions of each state expanded, in order (fewer than the block when a step broke a property). */
  readonly outDegrees: Int32Array;
  /** Per partition of the table, the candidates whose fingerprints belong to it. */
  readonly candidates: readonly Candidates[];
  readonly edgeBroken: { readonly index: number; readonly action: number; readonly broken: Broken } | null;
  /** The candidates' judgements that broke a property; a mark k >= 0 is broken[k]. */
  readonly broken: readonly Broken[];
}

export interface PartitionTask {
  readonly task: 'claim';
  readonly table: Uint32Array;
  readonly tableCount: number;
  /** Every block's candidates for this partition, in block order. */
  readonly blocks: readonly Candidates[];
}

export interface PartitionResult {
  /** The partition's slots: new ones when it grew. */
  readonly table: Uint32Array;
  readonly tableCount: number;
}

function sharedWords(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(Math.max(length, 1) * 4));
}

const same = (bytes: Uint8Array) => bytes;

/** A growing list of candidates, in shared memory; `done()` gives it. */
class CandidateList {
  count = 0;
  private entries: Uint32Array;
  private marks: Int32Array;
  /** The candidates' states, packed as a level is. */
  private readonly states: PackedFrontier<Uint8Array>;

  constructor(room: BlockTask['room']) {
    const candidates = Math.max(room.candidates, 64);
    this.entries = sharedWords(candidates * CANDIDATE_WORDS);
    this.marks = endsOf(candidates, true);
    this.states = new PackedFrontier<Uint8Array>(
      same,
      same,
      true,
      bytesOf(Math.max(room.bytes, 4096), true),
      endsOf(candidates, true),
    );
  }

  push(hi: number, lo: number, origin: number, action: number, state: Uint8Array, mark: number): void {
    if ((this.count + 1) * CANDIDATE_WORDS > this.entries.length) {
      const entries = sharedWords(this.entries.length * 2);
      entries.set(this.entries);
      this.entries = entries;
      const marks = endsOf(this.marks.length * 2, true);
      marks.set(this.marks);
      this.marks = marks;
    }
    this.marks[this.count] = mark;
    const at = this.count++ * CANDIDATE_WORDS;
    this.entries[at] = hi;
    this.entries[at + 1] = lo;
    this.entries[at + 2] = origin;
    this.entries[at + 3] = action;
    this.states.push(null, state);
  }

  done(): Candidates {
    const { count, entries, states, marks } = this;
    return { count, entries, bytes: states.bytes, ends: states.ends, marks };
  }
}

/** This thread's fingerprints of the block being expanded. */
const seen = new FingerprintTable();

export async function expandBlock(task: BlockTask): Promise<BlockResult> {
  const model = (await loadModel(task.factory)) as Model<Uint8Array, unknown>;
  const encodeFingerprinted = encoderFor(model, task.symmetry);
  const encode = model.encode as (state: Uint8Array) => Uint8Array;
  const decode = model.decode as (bytes: Uint8Array) => Uint8Array;
  const stepJudged = model.judges.some((j) => j.everyStep !== undefined);
  const judging = model.judges.length > 0;
  const endJudged = model.judges.some((j) => j.atEnd !== undefined);
  const broken: Broken[] = [];
  const fp = new Fingerprint();
  const partitions = task.tables.length;
  const lists = Array.from({ length: partitions }, () => new CandidateList(task.room));
  // Successors met earlier in this block: siblings' steps often meet, and the first is the one kept.
  seen.clear();
  const outDegrees = new Int32Array(task.to - task.from);
  const scratch = model.stepInto === undefined ? null : new Uint8Array(encode(model.initial).length);
  let edgeBroken: BlockResult['edgeBroken'] = null;
  let expanded = 0;
  outer: for (let i = task.from; i < task.to; i++) {
    const state = decode(task.bytes.subarray(i === 0 ? 0 : task.ends[i - 1]!, task.ends[i]!));
    const actions = model.enabled(state);
    outDegrees[i - task.from] = actions.length;
    expanded++;
    for (let a = 0; a < actions.length; a++) {
      const action = actions[a]!;
      const after = scratch === null ? model.step(state, action) : model.stepInto!(state, action, scratch);
      if (stepJudged) {
        const broken = brokenOnStep(model, state, action, after);
        if (broken !== null) {
          edgeBroken = { index: i - task.from, action: a, broken };
          break outer;
        }
      }
      const fingerprinted = encodeFingerprinted(after);
      fp.of(fingerprinted);
      const partition = partitionOf(fp.lo, partitions);
      if (holdsFingerprint(task.tables[partition]!, fp.hi, fp.lo) || !seen.add(fp.hi, fp.lo)) continue;
      // Without symmetry the fingerprinted bytes are the state's own encoding.
      const own = task.symmetry ? encode(after) : (fingerprinted as Uint8Array);
      const judged = judging ? brokenOnNewState(model, after, endJudged) : null;
      const mark = judged === null ? HOLDS : broken.push(judged) - 1;
      lists[partition]!.push(fp.hi, fp.lo, i - task.from, a, own, mark);
    }
  }
  return {
    outDegrees: outDegrees.subarray(0, expanded),
    candidates: lists.map((l) => l.done()),
    edgeBroken,
    broken,
  };
}

export function claimPartition(task: PartitionTask): PartitionResult {
  const table = new FingerprintTable(task.table, task.tableCount);
  for (const block of task.blocks) {
    const { entries, marks } = block;
    for (let k = 0; k < block.count; k++) {
      if (!table.add(entries[k * CANDIDATE_WORDS]!, entries[k * CANDIDATE_WORDS + 1]!)) marks[k] = DUPLICATE;
    }
  }
  return { table: table.slots, tableCount: table.count };
}

/** A worker's task, by its kind. */
export default async function run(task: BlockTask | PartitionTask): Promise<BlockResult | PartitionResult> {
  return task.task === 'expand' ? expandBlock(task) : claimPartition(task);
}
