/**
 * The visited set of the exhaustive explorer. In memory it is only a table of 64-bit fingerprints
 * (two words a slot, open addressing with linear probing, kept between half and three quarters
 * full), so a state costs at most 16 bytes. Per state id, in discovery order, it also keeps a
 * record (the fingerprint, the BFS parent and the index of the action that reached it) and how
 * many actions the state enables; those are written once and read back only to rebuild a
 * counterexample or write a shard's states, so they spill to a file (spill.ts). Ids are given in
 * discovery order and never change.
 */
import { SpillArray } from './spill.ts';

const NOT_EXPANDED = 0xffff;
/** The table grows when it is this full... */
const MAX_LOAD = 0.72;
/** ...by this factor, so it is then about half full. */
const GROWTH = 1.4;
const MIN_CAPACITY = 1024;
/** Words of a state's record: fingerprint high and low halves, parent id, action index. */
const RECORD_WORDS = 4;

export interface VisitedData {
  readonly slots: Uint32Array;
  readonly size: number;
  /** `RECORD_WORDS` words per state id. */
  readonly records: Uint32Array;
  /** Enabled actions per state id, NOT_EXPANDED for one never expanded; shorter when the last were not. */
  readonly outDegrees: Uint32Array;
}

/** The slot a fingerprint's probe starts at: its high half scaled to the table. */
function home(hi: number, capacity: number): number {
  return ((hi * capacity) / 4294967296) | 0;
}

export class VisitedSet {
  private slots: Uint32Array;
  private capacity: number;
  size = 0;
  private readonly records = new SpillArray(RECORD_WORDS);
  private readonly degrees = new SpillArray(1);

  /**
   * `shared`: the table lives in shared memory, so worker threads can look fingerprints up while
   * this thread adds them (they may miss a state being added, never see one that is not there).
   */
  constructor(
    private readonly shared = false,
    data?: VisitedData,
  ) {
    if (data !== undefined) {
      this.slots = data.slots;
      this.capacity = data.slots.length / 2;
      this.size = data.size;
      this.records.load(data.records);
      this.degrees.load(data.outDegrees);
      return;
    }
    this.capacity = MIN_CAPACITY;
    this.slots = this.table(this.capacity);
  }

  private table(capacity: number): Uint32Array {
    const bytes = capacity * 2 * Uint32Array.BYTES_PER_ELEMENT;
    return new Uint32Array(this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  }

  /** The table, for lookups from worker threads (`lookUp`). */
  get lookupTable(): Uint32Array {
    return this.slots;
  }

  /** Adds the fingerprint; returns its new id, or -1 when it was already there. */
  add(hi: number, lo: number, parent: number, action: number): number {
    if (this.size + 1 > this.capacity * MAX_LOAD) this.resize(Math.ceil(this.capacity * GROWTH));
    const slots = this.slots;
    const capacity = this.capacity;
    let i = home(hi, capacity);
    for (;;) {
      const at = i * 2;
      const h = slots[at]!;
      const l = slots[at + 1]!;
      if (h === 0 && l === 0) break;
      if (l === lo && h === hi) return -1;
      if (++i === capacity) i = 0;
    }
    slots[i * 2] = hi;
    slots[i * 2 + 1] = lo;
    const fresh = this.size++;
    const records = this.records;
    const r = records.append();
    const tail = records.tail;
    tail[r] = hi;
    tail[r + 1] = lo;
    tail[r + 2] = parent;
    tail[r + 3] = action;
    return fresh;
  }

  /**
   * For a union of fingerprints with data of their own, kept by slot: the slot of the fingerprint,
   * which is added without a record when new (`fresh`). Reserve room first: slots move when the
   * table grows.
   */
  slotOf(hi: number, lo: number): { slot: number; fresh: boolean } {
    if (this.size + 1 > this.capacity * MAX_LOAD) throw new Error('slotOf needs room reserved');
    const slots = this.slots;
    let i = home(hi, this.capacity);
    for (;;) {
      const h = slots[i * 2]!;
      const l = slots[i * 2 + 1]!;
      if (h === 0 && l === 0) break;
      if (l === lo && h === hi) return { slot: i, fresh: false };
      if (++i === this.capacity) i = 0;
    }
    slots[i * 2] = hi;
    slots[i * 2 + 1] = lo;
    this.size++;
    return { slot: i, fresh: true };
  }

  /** Whether a slot holds a fingerprint. */
  holdsSlot(slot: number): boolean {
    return this.slots[slot * 2] !== 0 || this.slots[slot * 2 + 1] !== 0;
  }

  /** Slots in the table. */
  get slotCount(): number {
    return this.capacity;
  }

  /** Whether the fingerprint is there. */
  has(hi: number, lo: number): boolean {
    return lookUp(this.slots, hi, lo);
  }

  /** Makes room for `more` states beyond those held, so adding them does not grow the table. */
  reserve(more: number): void {
    const wanted = Math.ceil((this.size + more) / MAX_LOAD);
    if (wanted > this.capacity) this.resize(wanted);
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
    return this.slots.byteLength + this.records.bytes + this.degrees.bytes;
  }

  /** Everything, for a checkpoint (the table copied out of shared memory). */
  copy(): VisitedData {
    return {
      slots: this.slots.slice(),
      size: this.size,
      records: this.records.all(),
      outDegrees: this.degrees.all(),
    };
  }

  /** Closes the records' file; the set is unusable afterwards. */
  close(): void {
    this.records.close();
    this.degrees.close();
  }

  private resize(capacity: number): void {
    const old = this.slots;
    this.slots = this.table(capacity);
    this.capacity = capacity;
    const slots = this.slots;
    for (let at = 0; at < old.length; at += 2) {
      const hi = old[at]!;
      const lo = old[at + 1]!;
      if (hi === 0 && lo === 0) continue;
      let i = home(hi, capacity);
      while (slots[i * 2] !== 0 || slots[i * 2 + 1] !== 0) if (++i === capacity) i = 0;
      slots[i * 2] = hi;
      slots[i * 2 + 1] = lo;
    }
  }
}

/** Whether a table from `lookupTable` holds the fingerprint. */
export function lookUp(slots: Uint32Array, hi: number, lo: number): boolean {
  const capacity = slots.length / 2;
  let i = home(hi, capacity);
  for (;;) {
    const at = i * 2;
    const h = slots[at]!;
    const l = slots[at + 1]!;
    if (l === lo && h === hi) return true;
    if (h === 0 && l === 0) return false;
    if (++i === capacity) i = 0;
  }
}
