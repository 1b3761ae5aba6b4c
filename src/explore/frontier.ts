/**
 * A BFS level's states, in discovery order. Models that can rebuild a state from its encoding keep
 * their levels packed in one growing byte array, so millions of queued states cost the garbage
 * collector nothing; other models keep the state objects.
 */
import type { Model } from './model.ts';

export interface Frontier<S> {
  readonly length: number;
  get(index: number): S;
  push(state: S): void;
  /** Plain data for a checkpoint or a worker: all of it, or the states in [from, to). */
  data(from?: number, to?: number): FrontierData<S>;
}

export type FrontierData<S> =
  | { readonly kind: 'objects'; readonly items: readonly S[] }
  | { readonly kind: 'packed'; readonly bytes: Uint8Array; readonly ends: Int32Array };

class ObjectFrontier<S> implements Frontier<S> {
  constructor(private readonly items: S[] = []) {}
  get length(): number {
    return this.items.length;
  }
  get(index: number): S {
    return this.items[index]!;
  }
  push(state: S): void {
    this.items.push(state);
  }
  data(from = 0, to = this.items.length): FrontierData<S> {
    return { kind: 'objects', items: this.items.slice(from, to) };
  }
}

class PackedFrontier<S> implements Frontier<S> {
  length: number;
  constructor(
    private readonly encode: (state: S) => Uint8Array,
    private readonly decode: (bytes: Uint8Array) => S,
    private bytes: Uint8Array = new Uint8Array(1 << 16),
    private ends: Int32Array = new Int32Array(1 << 10),
    length = 0,
  ) {
    this.length = length;
  }
  get(index: number): S {
    const from = index === 0 ? 0 : this.ends[index - 1]!;
    return this.decode(this.bytes.subarray(from, this.ends[index]!));
  }
  push(state: S): void {
    const encoded = this.encode(state);
    const from = this.length === 0 ? 0 : this.ends[this.length - 1]!;
    const to = from + encoded.length;
    if (to > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(to, this.bytes.length * 2));
      bigger.set(this.bytes.subarray(0, from));
      this.bytes = bigger;
    }
    if (this.length === this.ends.length) {
      const bigger = new Int32Array(this.ends.length * 2);
      bigger.set(this.ends);
      this.ends = bigger;
    }
    this.bytes.set(encoded, from);
    this.ends[this.length++] = to;
  }
  data(from = 0, to = this.length): FrontierData<S> {
    const start = from === 0 ? 0 : this.ends[from - 1]!;
    const ends = this.ends.slice(from, to);
    for (let i = 0; i < ends.length; i++) ends[i] = ends[i]! - start;
    const stop = to === 0 ? 0 : this.ends[to - 1]!;
    return { kind: 'packed', bytes: this.bytes.slice(start, stop), ends };
  }
}

/** A new, empty level for this model's states, or one rebuilt from `data`. */
export function frontierFor<S, A>(model: Model<S, A>, data?: FrontierData<S>): Frontier<S> {
  const { encode, decode } = model;
  if (decode === undefined || encode === undefined) {
    if (data?.kind === 'packed') throw new Error('packed states for a model that cannot decode them');
    return new ObjectFrontier(data === undefined ? [] : (data.items as S[]));
  }
  const bytes = (state: S) => {
    const e = encode(state);
    if (typeof e === 'string') throw new Error('a model with decode must encode states as bytes');
    return e;
  };
  if (data === undefined) return new PackedFrontier(bytes, decode);
  if (data.kind !== 'packed') throw new Error('state objects for a model that packs its states');
  return new PackedFrontier(bytes, decode, data.bytes, data.ends, data.ends.length);
}
