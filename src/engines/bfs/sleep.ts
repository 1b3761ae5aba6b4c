/**
 * Sleep sets (Godefroid, 1996) for the breadth-first search: a reduction that keeps every state
 * and the depth it is first reached at, so verdicts and shortest counterexamples are those of the
 * full search, and skips the steps that only reach a state again by another order of the same
 * independent steps.
 *
 * A state's sleep set holds steps already taken, by another order, from where it came from. When
 * the search takes step a from state s, the successor's sleep set is every step of s's sleep set,
 * and every step s took before a, that is independent of a at s: the model's footprints of the two
 * share nothing but reads (contract.ts, `stepWithFootprint`). A step in a state's sleep set is not
 * taken from it. A state reached again on the same level keeps only the steps asleep on every
 * path to it; one reached again on a later level was expanded on an earlier one with a sleep set
 * that already covers what this path would add.
 *
 * A slept step's footprint is the one measured where it was taken: a step reads the same parts
 * with the same values on every state its sleep set passes through, since only steps independent
 * of it were taken in between, so it is the same there.
 */

import type { Model } from '../contract.ts';
import { brokenOnStep } from '../judge.ts';
import type { BfsOptions, Expander } from './bfs.ts';
import { Fingerprint } from './fingerprint.ts';

/** Whether two footprints share nothing but reads (reads in words [0, w), writes in [w, 2w)). */
export function independent(
  f: Uint32Array,
  fOffset: number,
  g: Uint32Array,
  gOffset: number,
  words: number,
): boolean {
  for (let i = 0; i < words; i++) {
    const fw = f[fOffset + words + i]!;
    const gw = g[gOffset + words + i]!;
    if ((fw & (g[gOffset + i]! | gw)) !== 0 || (gw & f[fOffset + i]!) !== 0) return false;
  }
  return true;
}

/**
 * One level's sleep sets, by frontier index: each entry an action id and its footprint, packed
 * one after another in a growing buffer.
 */
class SleepLevel {
  private data = new Uint32Array(1024);
  private used = 0;
  private starts = new Int32Array(256);
  private counts = new Int32Array(256);
  private size = 0;

  constructor(private readonly stride: number) {}

  get length(): number {
    return this.size;
  }

  /** Appends the next state's sleep set: `count` entries of `entries`. */
  push(entries: Uint32Array, count: number): void {
    if (this.size === this.starts.length) {
      this.starts = grown(this.starts, this.size * 2);
      this.counts = grown(this.counts, this.size * 2);
    }
    const n = count * this.stride;
    if (this.used + n > this.data.length) {
      const data = new Uint32Array(Math.max(this.data.length * 2, this.used + n));
      data.set(this.data.subarray(0, this.used));
      this.data = data;
    }
    this.data.set(entries.subarray(0, n), this.used);
    this.starts[this.size] = this.used;
    this.counts[this.size] = count;
    this.used += n;
    this.size++;
  }

  /** State `index`'s sleep set: the buffer, where its entries start, and how many there are. */
  entries(index: number): { readonly data: Uint32Array; readonly start: number; readonly count: number } {
    return { data: this.data, start: this.starts[index]!, count: this.counts[index]! };
  }

  /** Keeps in state `index`'s sleep set only the actions that are also among `entries`. */
  intersect(index: number, entries: Uint32Array, count: number): void {
    const { stride, data } = this;
    const start = this.starts[index]!;
    let kept = 0;
    for (let e = 0; e < this.counts[index]!; e++) {
      const at = start + e * stride;
      const id = data[at]!;
      let shared = false;
      for (let k = 0; k < count && !shared; k++) shared = entries[k * stride] === id;
      if (!shared) continue;
      if (kept !== e) data.copyWithin(start + kept * stride, at, at + stride);
      kept++;
    }
    this.counts[index] = kept;
  }
}

function grown(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(length);
  next.set(array);
  return next;
}

/** The next level's states by fingerprint, so that one reached again on it is found. */
class LevelIndex {
  private hi = new Int32Array(1024);
  private lo = new Int32Array(1024);
  private index = new Int32Array(1024).fill(-1);
  private size = 0;

  clear(): void {
    this.index.fill(-1);
    this.size = 0;
  }

  add(hi: number, lo: number, index: number): void {
    if ((this.size + 1) * 2 > this.index.length) this.grow();
    this.put(hi, lo, index);
    this.size++;
  }

  /** The frontier index of the state with this fingerprint, or -1 when it is not on the level. */
  find(hi: number, lo: number): number {
    const mask = this.index.length - 1;
    for (let slot = lo & mask; ; slot = (slot + 1) & mask) {
      const index = this.index[slot]!;
      if (index < 0) return -1;
      if (this.lo[slot] === lo && this.hi[slot] === hi) return index;
    }
  }

  private put(hi: number, lo: number, index: number): void {
    const mask = this.index.length - 1;
    let slot = lo & mask;
    while (this.index[slot]! >= 0) slot = (slot + 1) & mask;
    this.hi[slot] = hi;
    this.lo[slot] = lo;
    this.index[slot] = index;
  }

  private grow(): void {
    const { hi, lo, index } = this;
    const capacity = index.length * 2;
    this.hi = new Int32Array(capacity);
    this.lo = new Int32Array(capacity);
    this.index = new Int32Array(capacity).fill(-1);
    for (let slot = 0; slot < index.length; slot++)
      if (index[slot]! >= 0) this.put(hi[slot]!, lo[slot]!, index[slot]!);
  }
}

/** The sleep sets of the level being expanded and of the next one. */
export class SleepSets {
  private stride = 0;
  private words = 0;
  private current: SleepLevel | null = null;
  private next: SleepLevel | null = null;
  private readonly index = new LevelIndex();
  /** The state being expanded: its sleep set, where it lies in `current`'s buffer. */
  private asleepData: Uint32Array = new Uint32Array(0);
  private asleepStart = 0;
  private asleepCount = 0;
  /** The steps the state being expanded has taken so far, as entries. */
  private done: Uint32Array = new Uint32Array(0);
  private doneCount = 0;
  /** The sleep set of the successor being offered to the search (see `stage`). */
  private staged: Uint32Array = new Uint32Array(0);
  private stagedCount = 0;
  /** Steps not taken because they were asleep. */
  slept = 0;

  /** Sets the footprint's size, from the first one measured, and gives the initial state its empty set. */
  private ready(footprintLength: number): void {
    if (this.stride !== 0) return;
    this.words = footprintLength / 2;
    this.stride = 1 + footprintLength;
    this.current = new SleepLevel(this.stride);
    this.current.push(new Uint32Array(0), 0);
    this.next = new SleepLevel(this.stride);
  }

  /** Starts expanding state `index` of the level. */
  open(index: number): void {
    this.doneCount = 0;
    if (this.current === null) {
      this.asleepCount = 0;
      return;
    }
    const { data, start, count } = this.current.entries(index);
    this.asleepData = data;
    this.asleepStart = start;
    this.asleepCount = count;
  }

  /** Whether the open state's sleep set holds the action. */
  isAsleep(id: number): boolean {
    const { asleepData, stride } = this;
    for (let e = 0, at = this.asleepStart; e < this.asleepCount; e++, at += stride) {
      if (asleepData[at] === id) return true;
    }
    return false;
  }

  /**
   * Sets the sleep set of the successor the open state reaches by a step with `footprint`: the
   * entries of its sleep set and of the steps it took before, that are independent of this one.
   */
  stage(footprint: Uint32Array): void {
    this.ready(footprint.length);
    const { stride, words } = this;
    const most = (this.asleepCount + this.doneCount) * stride;
    if (this.staged.length < most) this.staged = new Uint32Array(Math.max(most, this.staged.length * 2));
    const staged = this.staged;
    let count = 0;
    for (let e = 0, at = this.asleepStart; e < this.asleepCount; e++, at += stride) {
      if (!independent(footprint, 0, this.asleepData, at + 1, words)) continue;
      staged.set(this.asleepData.subarray(at, at + stride), count * stride);
      count++;
    }
    for (let e = 0, at = 0; e < this.doneCount; e++, at += stride) {
      if (!independent(footprint, 0, this.done, at + 1, words)) continue;
      staged.set(this.done.subarray(at, at + stride), count * stride);
      count++;
    }
    this.stagedCount = count;
  }

  /** The open state took the step: later steps from it may put it to sleep. */
  took(id: number, footprint: Uint32Array): void {
    const { stride } = this;
    const at = this.doneCount * stride;
    if (this.done.length < at + stride) {
      const more = new Uint32Array(Math.max(at + stride, this.done.length * 2));
      more.set(this.done);
      this.done = more;
    }
    this.done[at] = id;
    this.done.set(footprint, at + 1);
    this.doneCount++;
  }

  /** The staged successor was new: it is the next level's last state. */
  fresh(hi: number, lo: number): void {
    const next = this.next!;
    this.index.add(hi, lo, next.length);
    next.push(this.staged, this.stagedCount);
  }

  /** The staged successor was reached before: on the next level, it keeps what both sets share. */
  again(hi: number, lo: number): void {
    const at = this.index.find(hi, lo);
    if (at >= 0) this.next!.intersect(at, this.staged, this.stagedCount);
  }

  /** The next level becomes the one expanded. */
  nextLevel(): void {
    if (this.stride === 0) return;
    this.current = this.next;
    this.next = new SleepLevel(this.stride);
    this.index.clear();
  }
}

/** Expands on this thread as `inlineExpander` does, taking no step that is asleep. */
export function sleepExpander<S, A>(model: Model<S, A>, options: BfsOptions, sleep: SleepSets): Expander<S> {
  const { stepWithFootprint, actionId } = model;
  if (stepWithFootprint === undefined || actionId === undefined)
    throw new Error('this model measures no footprints, so it has no sleep sets');
  if (options.symmetry) throw new Error('sleep sets are not combined with symmetry reduction');
  const encode = model.encode ?? model.stateKey;
  const fp = new Fingerprint();
  const stepJudged = model.judges.some((j) => j.everyStep !== undefined);
  let ids = new Int32Array(64);
  return {
    expand(frontier, from, to, sink) {
      for (let i = from; i < to; i++) {
        const state = frontier.get(i);
        const actions = model.enabled(state);
        sleep.open(i);
        if (ids.length < actions.length) ids = new Int32Array(actions.length * 2);
        let taken = 0;
        for (let a = 0; a < actions.length; a++) {
          const id = actionId(actions[a]!);
          // An asleep action is marked by its id's complement.
          ids[a] = sleep.isAsleep(id) ? ~id : id;
          if (ids[a]! >= 0) taken++;
        }
        sleep.slept += actions.length - taken;
        sink.expanded(i, taken);
        for (let a = 0; a < actions.length; a++) {
          const id = ids[a]!;
          if (id < 0) continue;
          const action = actions[a]!;
          const { after, footprint } = stepWithFootprint(state, action);
          if (stepJudged) {
            const broken = brokenOnStep(model, state, action, after);
            if (broken !== null) return sink.edgeBroken(i, a, broken);
          }
          sleep.stage(footprint);
          const encoded = encode(after);
          fp.of(encoded);
          if (!sink.successor(i, a, after, fp.hi, fp.lo, undefined, encoded)) return;
          sleep.took(id, footprint);
        }
      }
    },
  };
}
