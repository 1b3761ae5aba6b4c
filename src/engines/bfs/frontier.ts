/**
 * A BFS level's states, in discovery order. Models whose encoding is bytes that hold the whole
 * state keep their levels packed in one growing byte array, so millions of queued states cost the
 * garbage collector nothing. Models whose encoding is text that decodes back keep the text when
 * states travel to and from worker threads (it is computed for the fingerprint anyway, and text
 * crosses threads far faster than objects). Otherwise a level holds the state objects.
 */
import type { Model } from '../contract.ts';

export type Encoded = Uint8Array | string;

export interface Frontier<S> {
  readonly length: number;
  get(index: number): S;
  /** Adds a state; `encoded`, when given, is its encoding, and `state` may then be null. */
  push(state: S | null, encoded?: Encoded): void;
  /** Makes room for `count` more states the mean size of `like`'s, where that saves copies. */
  reserve?(count: number, like: Frontier<S>): void;
  /** Plain data for a checkpoint or a worker: all of it, or the states in [from, to). */
  data(from?: number, to?: number): FrontierData<S>;
}

export type FrontierData<S> =
  | { readonly kind: 'objects'; readonly items: readonly S[] }
  | { readonly kind: 'text'; readonly items: readonly string[] }
  | { readonly kind: 'packed'; readonly bytes: Uint8Array; readonly ends: Int32Array };

/** The encoding of the k-th state of `data` when it has one (text or bytes), else null. */
export function encodedAt<S>(data: FrontierData<S>, k: number): Encoded | null {
  if (data.kind === 'text') return data.items[k]!;
  if (data.kind === 'packed') return data.bytes.subarray(k === 0 ? 0 : data.ends[k - 1]!, data.ends[k]!);
  return null;
}

class ObjectFrontier<S> implements Frontier<S> {
  constructor(
    private readonly decode: ((encoded: Encoded) => S) | undefined,
    private readonly items: S[] = [],
  ) {}
  get length(): number {
    return this.items.length;
  }
  get(index: number): S {
    return this.items[index]!;
  }
  push(state: S | null, encoded?: Encoded): void {
    if (state === null && (encoded === undefined || this.decode === undefined))
      throw new Error('a state is needed');
    this.items.push(state ?? this.decode!(encoded!));
  }
  data(from = 0, to = this.items.length): FrontierData<S> {
    return { kind: 'objects', items: this.items.slice(from, to) };
  }
}

class TextFrontier<S> implements Frontier<S> {
  constructor(
    private readonly encode: (state: S) => string,
    private readonly decode: (encoded: string) => S,
    private readonly items: string[] = [],
  ) {}
  get length(): number {
    return this.items.length;
  }
  get(index: number): S {
    return this.decode(this.items[index]!);
  }
  push(state: S | null, encoded?: Encoded): void {
    this.items.push(typeof encoded === 'string' ? encoded : this.encode(state!));
  }
  data(from = 0, to = this.items.length): FrontierData<S> {
    return { kind: 'text', items: this.items.slice(from, to) };
  }
}

/** A byte array of `length` (at least one), in shared memory when `shared`. */
export function bytesOf(length: number, shared: boolean): Uint8Array {
  const size = Math.max(length, 1);
  return new Uint8Array(shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
}

/** The same for 32-bit integers. */
export function endsOf(length: number, shared: boolean): Int32Array {
  const size = Math.max(length, 1) * 4;
  return new Int32Array(shared ? new SharedArrayBuffer(size) : new ArrayBuffer(size));
}

export class PackedFrontier<S> implements Frontier<S> {
  length: number;
  constructor(
    private readonly encode: (state: S) => Uint8Array,
    private readonly decode: (bytes: Uint8Array) => S,
    /** In shared memory, where worker threads read it without a copy. */
    readonly shared = false,
    public bytes: Uint8Array = bytesOf(1 << 16, shared),
    public ends: Int32Array = endsOf(1 << 10, shared),
    length = 0,
  ) {
    this.length = length;
  }
  get(index: number): S {
    const from = index === 0 ? 0 : this.ends[index - 1]!;
    return this.decode(this.bytes.subarray(from, this.ends[index]!));
  }
  push(state: S | null, encoded?: Encoded): void {
    const bytes = encoded instanceof Uint8Array ? encoded : this.encode(state!);
    const from = this.length === 0 ? 0 : this.ends[this.length - 1]!;
    const to = from + bytes.length;
    if (to > this.bytes.length) {
      const bigger = bytesOf(Math.max(to, this.bytes.length * 2), this.shared);
      bigger.set(this.bytes.subarray(0, from));
      this.bytes = bigger;
    }
    if (this.length === this.ends.length) {
      const bigger = endsOf(this.ends.length * 2, this.shared);
      bigger.set(this.ends);
      this.ends = bigger;
    }
    this.bytes.set(bytes, from);
    this.ends[this.length++] = to;
  }
  reserve(count: number, like: Frontier<S>): void {
    if (!(like instanceof PackedFrontier) || like.length === 0) return;
    const used = this.length === 0 ? 0 : this.ends[this.length - 1]!;
    const bytes = used + Math.ceil((like.ends[like.length - 1]! / like.length) * count);
    if (bytes > this.bytes.length) {
      const bigger = bytesOf(bytes, this.shared);
      bigger.set(this.bytes.subarray(0, used));
      this.bytes = bigger;
    }
    if (this.length + count > this.ends.length) {
      const bigger = endsOf(this.length + count, this.shared);
      bigger.set(this.ends.subarray(0, this.length));
      this.ends = bigger;
    }
  }
  data(from = 0, to = this.length): FrontierData<S> {
    const start = from === 0 ? 0 : this.ends[from - 1]!;
    const ends = this.ends.slice(from, to);
    for (let i = 0; i < ends.length; i++) ends[i] = ends[i]! - start;
    const stop = to === 0 ? 0 : this.ends[to - 1]!;
    return { kind: 'packed', bytes: this.bytes.slice(start, stop), ends };
  }
}

export type FrontierKind = FrontierData<unknown>['kind'];

/**
 * How a model's levels are kept: packed when it encodes to bytes it can decode; as text when it
 * encodes to text it can decode and states must cross threads; else as objects.
 */
export function frontierKind<S, A>(model: Model<S, A>, crossesThreads: boolean): FrontierKind {
  if (model.decode === undefined || model.encode === undefined) return 'objects';
  if (typeof model.encode(model.initial) !== 'string') return 'packed';
  return crossesThreads ? 'text' : 'objects';
}

/**
 * A new, empty level of the given kind, or one rebuilt from `data` (converted if it is another
 * kind); `shared` puts a new packed level in shared memory.
 */
export function frontierFor<S, A>(
  model: Model<S, A>,
  kind: FrontierKind,
  data?: FrontierData<S>,
  shared = false,
): Frontier<S> {
  const { encode, decode } = model;
  let frontier: Frontier<S>;
  if (kind === 'packed') {
    if (data?.kind === 'packed')
      return new PackedFrontier(
        encode as (s: S) => Uint8Array,
        decode!,
        false,
        data.bytes,
        data.ends,
        data.ends.length,
      );
    frontier = new PackedFrontier(encode as (s: S) => Uint8Array, decode!, shared);
  } else if (kind === 'text') {
    if (data?.kind === 'text') return new TextFrontier(encode as (s: S) => string, decode!, [...data.items]);
    frontier = new TextFrontier(encode as (s: S) => string, decode!);
  } else {
    if (data?.kind === 'objects') return new ObjectFrontier(decode, [...data.items]);
    frontier = new ObjectFrontier(decode);
  }
  if (data === undefined) return frontier;
  const source = frontierFor(model, data.kind, data);
  for (let i = 0; i < source.length; i++) frontier.push(source.get(i));
  return frontier;
}
