/**
 * The visited set of the exhaustive explorer: 64-bit fingerprints in an open-addressing hash table
 * over one Uint32Array (three words a slot: high half, low half, state id + 1), and per state id
 * its BFS parent, the index of the action that reached it and how many actions it enables. Ids
 * are given in discovery order, so a state's id never changes when the table grows.
 */

const EMPTY = 0;
const NOT_EXPANDED = 0xffff;

export interface VisitedData {
  readonly slots: Uint32Array;
  readonly size: number;
  readonly parents: Int32Array;
  readonly actions: Uint16Array;
  readonly outDegrees: Uint16Array;
}

export class VisitedSet {
  private slots: Uint32Array;
  private mask: number;
  size = 0;
  parents: Int32Array;
  actions: Uint16Array;
  /** Enabled actions of each expanded state; NOT_EXPANDED for one never expanded. */
  outDegrees: Uint16Array;

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
      this.mask = data.slots.length / 3 - 1;
      this.size = data.size;
      this.parents = data.parents;
      this.actions = data.actions;
      this.outDegrees = data.outDegrees;
      return;
    }
    const capacity = 1024;
    this.slots = this.table(capacity);
    this.mask = capacity - 1;
    this.parents = new Int32Array(capacity / 2);
    this.actions = new Uint16Array(capacity / 2);
    this.outDegrees = new Uint16Array(capacity / 2).fill(NOT_EXPANDED);
  }

  private table(capacity: number): Uint32Array {
    const bytes = capacity * 3 * Uint32Array.BYTES_PER_ELEMENT;
    return new Uint32Array(this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  }

  /** The id of the state with this fingerprint, or -1. */
  idOf(hi: number, lo: number): number {
    const slots = this.slots;
    let i = lo & this.mask;
    for (;;) {
      const at = i * 3;
      const id = slots[at + 2]!;
      if (id === EMPTY) return -1;
      if (slots[at + 1] === lo && slots[at] === hi) return id - 1;
      i = (i + 1) & this.mask;
    }
  }

  /** The table, for lookups from worker threads (`lookUp`). */
  get lookupTable(): Uint32Array {
    return this.slots;
  }

  /** Adds the fingerprint; returns its new id, or -1 when it was already there. */
  add(hi: number, lo: number, parent: number, action: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const slots = this.slots;
    let i = lo & this.mask;
    for (;;) {
      const at = i * 3;
      const id = slots[at + 2]!;
      if (id === EMPTY) {
        const fresh = this.size++;
        slots[at] = hi;
        slots[at + 1] = lo;
        slots[at + 2] = fresh + 1;
        this.parents[fresh] = parent;
        this.actions[fresh] = action;
        return fresh;
      }
      if (slots[at + 1] === lo && slots[at] === hi) return -1;
      i = (i + 1) & this.mask;
    }
  }

  expanded(id: number, outDegree: number): void {
    this.outDegrees[id] = Math.min(outDegree, NOT_EXPANDED - 1);
  }

  /** Action indices from the initial state to `id`. */
  pathTo(id: number): number[] {
    const path: number[] = [];
    for (let at = id; at > 0; at = this.parents[at]!) path.push(this.actions[at]!);
    return path.reverse();
  }

  /** Every fingerprint with its id, in table order. */
  *entries(): Generator<[hi: number, lo: number, id: number]> {
    const slots = this.slots;
    for (let at = 0; at < slots.length; at += 3) {
      if (slots[at + 2] !== EMPTY) yield [slots[at]!, slots[at + 1]!, slots[at + 2]! - 1];
    }
  }

  /** Bytes held by the table and the per-state arrays. */
  get bytes(): number {
    return (
      this.slots.byteLength + this.parents.byteLength + this.actions.byteLength + this.outDegrees.byteLength
    );
  }

  data(): VisitedData {
    return {
      slots: this.slots,
      size: this.size,
      parents: this.parents,
      actions: this.actions,
      outDegrees: this.outDegrees,
    };
  }

  /** The fingerprints' table words, for a checkpoint (copied out of shared memory). */
  copy(): VisitedData {
    return { ...this.data(), slots: this.slots.slice() };
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = this.table(capacity);
    this.mask = capacity - 1;
    for (let at = 0; at < old.length; at += 3) {
      const id = old[at + 2]!;
      if (id === EMPTY) continue;
      let i = old[at + 1]! & this.mask;
      while (this.slots[i * 3 + 2] !== EMPTY) i = (i + 1) & this.mask;
      this.slots[i * 3] = old[at]!;
      this.slots[i * 3 + 1] = old[at + 1]!;
      this.slots[i * 3 + 2] = id;
    }
    const parents = new Int32Array(capacity / 2);
    parents.set(this.parents);
    this.parents = parents;
    const actions = new Uint16Array(capacity / 2);
    actions.set(this.actions);
    this.actions = actions;
    const degrees = new Uint16Array(capacity / 2).fill(NOT_EXPANDED);
    degrees.set(this.outDegrees);
    this.outDegrees = degrees;
  }
}

/** Whether a table from `lookupTable` holds the fingerprint. */
export function lookUp(slots: Uint32Array, hi: number, lo: number): boolean {
  const mask = slots.length / 3 - 1;
  let i = lo & mask;
  for (;;) {
    const at = i * 3;
    if (slots[at + 2] === EMPTY) return false;
    if (slots[at + 1] === lo && slots[at] === hi) return true;
    i = (i + 1) & mask;
  }
}
