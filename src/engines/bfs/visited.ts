/**
 * The visited set of the exhaustive explorer. In memory it is only a table of 64-bit fingerprints
 * (table.ts: at most 16 bytes a state), split into partitions when worker threads add to it, each
 * partition written by one thread at a time. Per state id, in discovery order, it also keeps a
 * record (the fingerprint, the BFS parent and the index of the action that reached it) and how
 * many actions the state enables; those are written once and read back only to rebuild a
 * counterexample, write a shard's states or a checkpoint, so they spill to a file (spill.ts). Ids
 * are given in discovery order and never change.
 */
import { SpillArray } from './spill.ts';
import { allocate, FingerprintTable, partitionOf } from './table.ts';

const NOT_EXPANDED = 0xffff;
/** Words of a state's record: fingerprint high and low halves, parent id, action index. */
export const RECORD_WORDS = 4;

/** What a checkpoint keeps of a visited set: the table is rebuilt from the records. */
export interface VisitedData {
  readonly size: number;
  /** `RECORD_WORDS` words per state id. */
  readonly records: Uint32Array;
  /** Enabled actions per state id, NOT_EXPANDED for one never expanded; shorter when the last were not. */
  readonly outDegrees: Uint32Array;
}

export class VisitedSet {
  /** The table's partitions; a worker thread that grew one hands back its new slots. */
  readonly parts: FingerprintTable[];
  size = 0;
  private readonly records = new SpillArray(RECORD_WORDS);
  private readonly degrees = new SpillArray(1);

  /**
   * `partitions`: how many ways the table is split (by `partitionOf`); `shared`: it lives in shared
   * memory, so worker threads can look fingerprints up, or add them to a partition of their own.
   */
  constructor(partitions = 1, shared = false, data?: VisitedData) {
    this.parts = Array.from({ length: partitions }, () => new FingerprintTable(allocate(1024, shared)));
    if (data === undefined) return;
    this.records.load(data.records);
    this.degrees.load(data.outDegrees);
    this.size = data.size;
    this.rebuildTable();
  }

  /** Whether the table is in shared memory. */
  get shared(): boolean {
    return this.parts[0]!.shared;
  }

  /** The partitions' slots, for lookups from worker threads (`lookUp`). */
  get lookupTables(): Uint32Array[] {
    return this.parts.map((p) => p.slots);
  }

  /** Adds the fingerprint; returns its new id, or -1 when it was already there. */
  add(hi: number, lo: number, parent: number, action: number): number {
    if (!this.parts[partitionOf(lo, this.parts.length)]!.add(hi, lo)) return -1;
    return this.adopt(hi, lo, parent, action);
  }

  /** Gives an id to a fingerprint a worker thread has already added to its partition. */
  adopt(hi: number, lo: number, parent: number, action: number): number {
    const records = this.records;
    const r = records.append();
    const tail = records.tail;
    tail[r] = hi;
    tail[r + 1] = lo;
    tail[r + 2] = parent;
    tail[r + 3] = action;
    return this.size++;
  }

  /** Whether the fingerprint is there. */
  has(hi: number, lo: number): boolean {
    return this.parts[partitionOf(lo, this.parts.length)]!.has(hi, lo);
  }

  /**
   * Makes the table hold exactly the states that have ids, after worker threads added
   * fingerprints beyond a point where the search stopped.
   */
  rebuildTable(): void {
    for (const part of this.parts) part.clear();
    const records = this.records.all();
    for (let at = 0; at < this.size * RECORD_WORDS; at += RECORD_WORDS) {
      const lo = records[at + 1]!;
      this.parts[partitionOf(lo, this.parts.length)]!.add(records[at]!, lo);
    }
  }

  expanded(id: number, outDegree: number): void {
    const degrees = this.degrees;
    while (degrees.length <= id) {
      // `append` may replace the tail, so it is read after the call.
      const at = degrees.append();
      degrees.tail[at] = NOT_EXPANDED;
    }
    degrees.set(id, 0, Math.min(outDegree, NOT_EXPANDED - 1));
  }

  /** Action indices from the initial state to `id`. */
  pathTo(id: number): number[] {
    const path: number[] = [];
    for (let at = id; at > 0; at = this.records.get(at, 2)) path.push(this.records.get(at, 3));
    return path.reverse();
  }

  /** Per state id its fingerprint and out-degree (NOT_EXPANDED when it was not expanded). */
  *states(): Generator<[hi: number, lo: number, outDegree: number]> {
    const records = this.records.all();
    const degrees = this.degrees.all();
    for (let id = 0; id < this.size; id++) {
      const at = id * RECORD_WORDS;
      yield [records[at]!, records[at + 1]!, id < degrees.length ? degrees[id]! : NOT_EXPANDED];
    }
  }

  /** Bytes held in memory: the table, and the records not yet written out. */
  get bytes(): number {
    const table = this.parts.reduce((sum, p) => sum + p.slots.byteLength, 0);
    return table + this.records.bytes + this.degrees.bytes;
  }

  /** What a checkpoint keeps. */
  copy(): VisitedData {
    return { size: this.size, records: this.records.all(), outDegrees: this.degrees.all() };
  }

  /** Closes the records' file; the set is unusable afterwards. */
  close(): void {
    this.records.close();
    this.degrees.close();
  }
}
