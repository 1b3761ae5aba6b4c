/**
 * A table of 64-bit fingerprints: two words a slot, open addressing with linear probing, kept
 * between half and four fifths full, so a fingerprint costs at most 16 bytes. (0, 0) marks an
 * empty slot; fingerprint.ts never gives it. The slots may live in shared memory, where worker
 * threads look fingerprints up while none is added, or add them to a table only they write to.
 */

/** The table grows when it is this full... */
export const MAX_LOAD = 0.8;
/** ...by this factor, so it is then half full: never more than 16 bytes a fingerprint. */
const GROWTH = 1.6;
const MIN_CAPACITY = 1024;

/** The slot a fingerprint's probe starts at: its high half scaled to the table. */
function home(hi: number, capacity: number): number {
  return ((hi * capacity) / 4294967296) | 0;
}

export class FingerprintTable {
  /** Fingerprints held. */
  count: number;

  constructor(
    public slots: Uint32Array = allocate(MIN_CAPACITY, false),
    count = 0,
  ) {
    this.count = count;
  }

  get capacity(): number {
    return this.slots.length / 2;
  }

  get shared(): boolean {
    return this.slots.buffer instanceof SharedArrayBuffer;
  }

  /** Adds the fingerprint; false when it was already there. Grows the table when it must. */
  add(hi: number, lo: number): boolean {
    if (this.count + 1 > this.capacity * MAX_LOAD) this.resize(Math.ceil(this.capacity * GROWTH));
    const at = probe(this.slots, hi, lo);
    if (at >= 0) return false;
    this.fill(-at - 1, hi, lo);
    return true;
  }

  /** Whether the fingerprint is there. */
  has(hi: number, lo: number): boolean {
    return holdsFingerprint(this.slots, hi, lo);
  }

  /** Makes room for `more` fingerprints beyond those held, so adding them does not grow the table. */
  reserve(more: number): void {
    const wanted = Math.ceil((this.count + more) / MAX_LOAD);
    if (wanted > this.capacity) this.resize(wanted);
  }

  /** The slot holding the fingerprint, added when new (`fresh`), for data kept by slot. */
  slotOf(hi: number, lo: number): { slot: number; fresh: boolean } {
    if (this.count + 1 > this.capacity * MAX_LOAD) throw new Error('slotOf needs room reserved');
    const at = probe(this.slots, hi, lo);
    if (at >= 0) return { slot: at, fresh: false };
    this.fill(-at - 1, hi, lo);
    return { slot: -at - 1, fresh: true };
  }

  private fill(slot: number, hi: number, lo: number): void {
    this.slots[slot * 2] = hi;
    this.slots[slot * 2 + 1] = lo;
    this.count++;
  }

  /** Whether a slot holds a fingerprint. */
  holds(slot: number): boolean {
    return this.slots[slot * 2] !== 0 || this.slots[slot * 2 + 1] !== 0;
  }

  /** Empties the table, keeping its size. */
  clear(): void {
    this.slots.fill(0);
    this.count = 0;
  }

  private resize(capacity: number): void {
    const old = this.slots;
    const slots = allocate(capacity, this.shared);
    for (let at = 0; at < old.length; at += 2) {
      const hi = old[at]!;
      const lo = old[at + 1]!;
      if (hi === 0 && lo === 0) continue;
      // The old table holds each fingerprint once, so the probe ends at an empty slot.
      const i = -probe(slots, hi, lo) - 1;
      slots[i * 2] = hi;
      slots[i * 2 + 1] = lo;
    }
    this.slots = slots;
  }
}

export function allocate(capacity: number, shared: boolean): Uint32Array {
  const bytes = capacity * 2 * Uint32Array.BYTES_PER_ELEMENT;
  return new Uint32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/**
 * The one probe of the table: the slot holding the fingerprint, or, when it is not there, -1 minus
 * the empty slot where it would go.
 */
function probe(slots: Uint32Array, hi: number, lo: number): number {
  const capacity = slots.length / 2;
  let i = home(hi, capacity);
  for (;;) {
    const h = slots[i * 2]!;
    const l = slots[i * 2 + 1]!;
    if (l === lo && h === hi) return i;
    if (h === 0 && l === 0) return -i - 1;
    if (++i === capacity) i = 0;
  }
}

/** Whether a table's slots hold the fingerprint. */
export function holdsFingerprint(slots: Uint32Array, hi: number, lo: number): boolean {
  return probe(slots, hi, lo) >= 0;
}

/** The partition of a table split `count` ways that holds a fingerprint. */
export function partitionOf(lo: number, count: number): number {
  return count === 1 ? 0 : lo % count;
}

/** Whether a table split into `parts` (by `partitionOf`) holds the fingerprint. */
export function lookUp(parts: readonly Uint32Array[], hi: number, lo: number): boolean {
  return holdsFingerprint(parts[partitionOf(lo, parts.length)]!, hi, lo);
}
