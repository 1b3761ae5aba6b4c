/**
 * Sleep sets (Godefroid, 1996) for the breadth-first search: a reduction that keeps every state
 * and the depth it is first reached at, so verdicts and shortest counterexamples are those of the
 * full search, and skips the steps that only reach a state again by another order of the same
 * independent steps.
 *
 * A state's sleep set holds steps already taken, in another order, on the way to where it came
 * from. When the search takes step a from state s, the successor's sleep set is every step of s's
 * sleep set, and every step s took before a, that is independent of a: the model's footprints of
 * the two share nothing but reads (contract.ts, `Footprints`). A step in a state's sleep set is
 * not taken from it. A state reached again on the same level keeps only the steps asleep on every
 * path to it; one reached again on a later level was expanded on an earlier one with a sleep set
 * that already covers what this path would add.
 */

import type { Footprints, Model } from '../contract.ts';
import { brokenOnStep } from '../judge.ts';
import type { BfsOptions, Expander, LevelSleep } from './bfs.ts';
import { Fingerprint } from './fingerprint.ts';

/** Whether two footprints share nothing but reads (reads in words [0, w), writes in [w, 2w)). */
export function independent(f: Uint32Array, g: Uint32Array): boolean {
  const words = f.length / 2;
  for (let i = 0; i < words; i++) {
    const fw = f[words + i]!;
    const gw = g[words + i]!;
    if ((fw & (g[i]! | gw)) !== 0 || (gw & f[i]!) !== 0) return false;
  }
  return true;
}

/** Which pairs of actions are independent, by number: one byte a pair, computed once. */
function independence<A>(footprints: Footprints<A>): Uint8Array {
  const n = footprints.count;
  const matrix = new Uint8Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const yes = independent(footprints.of(a), footprints.of(b)) ? 1 : 0;
      matrix[a * n + b] = yes;
      matrix[b * n + a] = yes;
    }
  }
  return matrix;
}

/** One level's sleep sets, by frontier index: action numbers, packed one set after another. */
class SleepLevel {
  private data = new Int32Array(1024);
  private used = 0;
  private starts = new Int32Array(256);
  private counts = new Int32Array(256);
  private size = 0;

  get length(): number {
    return this.size;
  }

  get buffer(): Int32Array {
    return this.data;
  }

  start(index: number): number {
    return this.starts[index]!;
  }

  count(index: number): number {
    return this.counts[index]!;
  }

  /** Appends the next state's sleep set: the first `count` of `ids`. */
  push(ids: Int32Array, count: number): void {
    if (this.size === this.starts.length) {
      this.starts = grown(this.starts, this.size * 2);
      this.counts = grown(this.counts, this.size * 2);
    }
    if (this.used + count > this.data.length)
      this.data = grown(this.data, Math.max(this.data.length * 2, this.used + count));
    this.data.set(ids.subarray(0, count), this.used);
    this.starts[this.size] = this.used;
    this.counts[this.size] = count;
    this.used += count;
    this.size++;
  }

  /** Keeps in state `index`'s sleep set only the actions also among the first `count` of `ids`. */
  intersect(index: number, ids: Int32Array, count: number): void {
    const { data } = this;
    const start = this.starts[index]!;
    let kept = 0;
    for (let e = 0; e < this.counts[index]!; e++) {
      const id = data[start + e]!;
      let shared = false;
      for (let k = 0; k < count && !shared; k++) shared = ids[k] === id;
      if (shared) data[start + kept++] = id;
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
    for (let slot = 0; slot < index.length; slot++) {
      if (index[slot]! >= 0) this.put(hi[slot]!, lo[slot]!, index[slot]!);
    }
  }
}

/** The sleep sets of the level being expanded and of the next one. */
export class SleepSets implements LevelSleep {
  private current = new SleepLevel();
  private next = new SleepLevel();
  private readonly index = new LevelIndex();
  /** The state being expanded: where its sleep set lies in `current`'s buffer. */
  private asleepStart = 0;
  private asleepCount = 0;
  /** The steps the state being expanded has taken so far. */
  private done = new Int32Array(64);
  private doneCount = 0;
  /** The sleep set of the successor being offered to the search (see `stage`). */
  private staged = new Int32Array(64);
  private stagedCount = 0;
  private matrix: Uint8Array | null = null;
  private actions = 0;
  /** Steps not taken because they were asleep. */
  slept = 0;

  constructor() {
    // The initial state sleeps on nothing.
    this.current.push(this.staged, 0);
  }

  /** Learns which actions are independent (once). */
  use<A>(footprints: Footprints<A>): void {
    if (this.matrix !== null) return;
    this.matrix = independence(footprints);
    this.actions = footprints.count;
    this.done = new Int32Array(footprints.count);
    this.staged = new Int32Array(footprints.count * 2);
  }

  /** Starts expanding state `index` of the level. */
  open(index: number): void {
    this.doneCount = 0;
    this.asleepStart = this.current.start(index);
    this.asleepCount = this.current.count(index);
  }

  /** Whether the open state's sleep set holds the action. */
  isAsleep(id: number): boolean {
    const data = this.current.buffer;
    const end = this.asleepStart + this.asleepCount;
    for (let at = this.asleepStart; at < end; at++) if (data[at] === id) return true;
    return false;
  }

  /**
   * Sets the sleep set of the successor the open state reaches by action `id`: the actions of its
   * sleep set, and those it took before, that are independent of this one. Then `id` is taken.
   */
  take(id: number): void {
    const matrix = this.matrix!;
    const row = id * this.actions;
    const data = this.current.buffer;
    const { staged } = this;
    let count = 0;
    const end = this.asleepStart + this.asleepCount;
    for (let at = this.asleepStart; at < end; at++) {
      const other = data[at]!;
      if (matrix[row + other] === 1) staged[count++] = other;
    }
    for (let e = 0; e < this.doneCount; e++) {
      const other = this.done[e]!;
      if (matrix[row + other] === 1) staged[count++] = other;
    }
    this.stagedCount = count;
    this.done[this.doneCount++] = id;
  }

  /** The staged successor was new: it is the next level's last state. */
  fresh(hi: number, lo: number): void {
    this.index.add(hi, lo, this.next.length);
    this.next.push(this.staged, this.stagedCount);
  }

  /** The staged successor was reached before: on the next level, it keeps what both sets share. */
  again(hi: number, lo: number): void {
    const at = this.index.find(hi, lo);
    if (at >= 0) this.next.intersect(at, this.staged, this.stagedCount);
  }

  /** The next level becomes the one expanded. */
  nextLevel(): void {
    this.current = this.next;
    this.next = new SleepLevel();
    this.index.clear();
  }
}

/** Expands on this thread as `inlineExpander` does, taking no step that is asleep. */
export function sleepExpander<S, A>(model: Model<S, A>, options: BfsOptions, sleep: SleepSets): Expander<S> {
  const { footprints } = model;
  if (footprints === undefined) throw new Error('this model declares no footprints, so it has no sleep sets');
  if (options.symmetry) throw new Error('sleep sets are not combined with symmetry reduction');
  sleep.use(footprints);
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
          const id = footprints.id(actions[a]!);
          // An asleep action is marked by its number's complement.
          const awake = !sleep.isAsleep(id);
          ids[a] = awake ? id : ~id;
          if (awake) taken++;
        }
        sleep.slept += actions.length - taken;
        sink.expanded(i, taken);
        for (let a = 0; a < actions.length; a++) {
          const id = ids[a]!;
          if (id < 0) continue;
          const action = actions[a]!;
          const after = model.step(state, action);
          if (stepJudged) {
            const broken = brokenOnStep(model, state, action, after);
            if (broken !== null) return sink.edgeBroken(i, a, broken);
          }
          sleep.take(id);
          const encoded = encode(after);
          fp.of(encoded);
          if (!sink.successor(i, a, after, fp.hi, fp.lo, undefined, encoded)) return;
        }
      }
    },
  };
}
