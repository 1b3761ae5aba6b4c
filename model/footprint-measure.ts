/**
 * A step's footprint (footprint.ts) measured rather than declared, to hold the declarations to:
 * the step runs on a view of the state whose parts note each field looked at, and the fields it
 * wrote are those whose values changed (the state is copy-on-write). Copying a part (`{ ...part }`)
 * copies references and looks at nothing. It is slow: tests use it, the search does not.
 *
 * A copy is told from a look by the pair of requests it makes (describe a field, then get it), so
 * a step must not read parts through Object.values, Object.entries or JSON.stringify, which make
 * the same pair: the model's guards and effects use none of them (its stories do, and are not
 * measured).
 */
import type { ModelConfig } from './config.ts';
import { type Layout, layoutOf, NESTED_KEYS, PART_ARRAYS, type PartBits, setBit } from './footprint.ts';
import { isEnabled, step } from './machine.ts';
import type { State } from './state.ts';
import type { Action } from './steps/registry.ts';

/** A step's successor and footprint: reads in words [0, w), writes in [w, 2w). */
export interface Footprinted {
  readonly after: State;
  readonly footprint: Uint32Array;
}

function mark(set: Uint32Array, bit: number): void {
  setBit(set, 0, bit);
}

function bitOf(bits: PartBits, key: string | symbol): number {
  return bits.fields?.get(key) ?? bits.other;
}

/**
 * A view of one part that marks a field's bit when the field is looked at. Copying the part
 * (`{ ...part }`: each field described, then got) copies references and marks nothing; the copy's
 * changed fields are what the step wrote.
 */
function watched<T extends object>(part: T, bits: PartBits, watch: Watch): T {
  // Parts are keyed by place too: one object may sit in two places (every empty connection is one).
  let here = watch.views.get(bits);
  if (here === undefined) {
    here = new Map();
    watch.views.set(bits, here);
  }
  const known = here.get(part);
  if (known !== undefined) return known as T;
  const { reads, raw } = watch;
  let described: string | symbol | null = null;
  const inner = new Map<string | symbol, readonly object[]>();
  const view = new Proxy(part, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (key === described) {
        described = null;
        return value;
      }
      const nested = bits.nested?.get(key);
      if (nested === undefined) {
        mark(reads, bitOf(bits, key));
        return value;
      }
      // Nested parts are watched one by one; the array holding them is not looked at.
      let views = inner.get(key);
      if (views === undefined) {
        views = (value as readonly object[]).map((v, i) => watched(v, nested[i]!, watch));
        inner.set(key, views);
        raw.set(views, value as object);
      }
      return views;
    },
    getOwnPropertyDescriptor(target, key) {
      described = key;
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    has(target, key) {
      mark(reads, bitOf(bits, key));
      return Reflect.has(target, key);
    },
  });
  raw.set(view, part);
  here.set(part, view);
  return view;
}

/**
 * The reads marked and the views made: shared by the views of the state before a step and of
 * the one after it, so that a part the step did not change has one view, equal to itself.
 */
interface Watch {
  readonly reads: Uint32Array;
  /** Each view's part. */
  readonly raw: Map<object, object>;
  /** Each part's view, by the part's bits (its place in the state) and the part. */
  readonly views: Map<PartBits, Map<object, object>>;
}

/** The state as the step sees it: every part watched, the arrays that hold them plain. */
class Session {
  readonly reads: Uint32Array;
  /** Each view's part. */
  readonly raw: Map<object, object>;
  readonly arrays = new Map<string, readonly object[]>();
  readonly rows: (readonly object[])[];
  readonly faults: object;
  readonly pipeline: object | undefined;
  readonly view: State;
  readonly watch: Watch;

  constructor(
    readonly state: State,
    readonly layout: Layout,
    watch: Watch = { reads: new Uint32Array(layout.words), raw: new Map(), views: new Map() },
  ) {
    this.watch = watch;
    const { reads } = watch;
    this.reads = reads;
    this.raw = watch.raw;
    for (const name of PART_ARRAYS) {
      const bits = layout.arrays[name];
      this.arrays.set(
        name,
        (state[name] as readonly object[]).map((part, i) => watched(part, bits[i]!, watch)),
      );
    }
    this.rows = state.connections.map((row, p) =>
      row.map((c, b) => watched(c, layout.connections[p]![b]!, watch)),
    );
    this.faults = this.watchedFaults();
    this.pipeline =
      state.pipeline === undefined ? undefined : watched(state.pipeline, layout.pipeline!, watch);
    const session = this;
    let described: string | symbol | null = null;
    this.view = new Proxy(state, {
      get(target, key) {
        const copied = key === described;
        described = null;
        if (typeof key === 'string') {
          const parts = session.arrays.get(key);
          if (parts !== undefined) return parts;
          if (key === 'connections') return session.rows;
          if (key === 'faultsUsed') return session.faults;
          if (key === 'pipeline') return session.pipeline;
          if (key === 'nextProducerId' && !copied) mark(reads, layout.nextProducerId);
        }
        return Reflect.get(target, key);
      },
      getOwnPropertyDescriptor(target, key) {
        described = key;
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    });
  }

  /** The fault budgets, each kind its own bit. */
  private watchedFaults(): object {
    const { reads, layout } = this;
    const faults = this.state.faultsUsed;
    let described: string | symbol | null = null;
    const view = new Proxy(faults, {
      get(target, key) {
        const bit = typeof key === 'string' ? layout.faults[key] : undefined;
        if (key === described) described = null;
        else if (bit !== undefined) mark(reads, bit);
        return Reflect.get(target, key);
      },
      getOwnPropertyDescriptor(target, key) {
        described = key;
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
    });
    this.raw.set(view, faults);
    return view;
  }

  private plain<T>(value: T): T {
    return ((value !== null && typeof value === 'object' && this.raw.get(value)) || value) as T;
  }

  /** A new part whose nested parts (a partition's replicas) may still be views: the same without them. */
  private plainNested<T>(part: T): T {
    if (part === null || typeof part !== 'object' || Array.isArray(part)) return part;
    let record = part as Record<string, unknown>;
    for (const key of NESTED_KEYS) {
      const inner = record[key];
      if (!Array.isArray(inner)) continue;
      const plain = this.raw.get(inner) ?? this.plainParts(inner as readonly object[], undefined, []);
      if (plain !== inner) record = { ...record, [key]: plain };
    }
    return record as T;
  }

  /** An array of parts with every view replaced by its part; the original array when it is the session's. */
  private plainParts<T>(
    parts: readonly T[],
    viewed: readonly object[] | undefined,
    original: readonly T[],
  ): readonly T[] {
    if (parts === (viewed as unknown)) return original;
    let copy: T[] | null = null;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const plain = this.plainNested(this.plain(part));
      if (plain !== part) {
        copy ??= parts.slice();
        copy[i] = plain;
      }
    }
    return copy ?? parts;
  }

  /** The successor without views, so that nothing of this session outlives it. */
  plainState(after: State): State {
    if (after === this.view) return this.state;
    const s = this.state;
    const plain: Record<string, unknown> = { ...after };
    for (const name of PART_ARRAYS) {
      plain[name] = this.plainParts(
        after[name] as readonly object[],
        this.arrays.get(name),
        s[name] as readonly object[],
      );
    }
    plain.connections =
      after.connections === this.rows
        ? s.connections
        : after.connections.map((row, p) => this.plainParts(row, this.rows[p], s.connections[p]!));
    plain.faultsUsed = this.plain(after.faultsUsed);
    if (after.pipeline !== undefined) plain.pipeline = this.plain(after.pipeline);
    return plain as unknown as State;
  }

  /** Marks in `writes` every field whose value differs between the state and `after`. */
  written(after: State, writes: Uint32Array): void {
    const s = this.state;
    const { layout } = this;
    for (const name of PART_ARRAYS) {
      const was = s[name] as readonly object[];
      const now = after[name] as readonly object[];
      if (was === now) continue;
      const bits = layout.arrays[name];
      for (let i = 0; i < was.length; i++) changed(was[i]!, now[i]!, bits[i]!, writes);
    }
    if (s.connections !== after.connections) {
      s.connections.forEach((row, p) => {
        const now = after.connections[p]!;
        if (row !== now)
          for (let b = 0; b < row.length; b++) changed(row[b]!, now[b]!, layout.connections[p]![b]!, writes);
      });
    }
    if (s.pipeline !== undefined) changed(s.pipeline, after.pipeline!, layout.pipeline!, writes);
    if (s.nextProducerId !== after.nextProducerId) mark(writes, layout.nextProducerId);
    if (s.faultsUsed !== after.faultsUsed) {
      for (const [kind, bit] of Object.entries(layout.faults)) {
        const k = kind as keyof State['faultsUsed'];
        if (s.faultsUsed[k] !== after.faultsUsed[k]) mark(writes, bit);
      }
    }
  }
}

/** Marks the fields of a part that changed. */
function changed(was: object, now: object, bits: PartBits, writes: Uint32Array): void {
  if (was === now) return;
  if (bits.fields === null) {
    mark(writes, bits.other);
    return;
  }
  const a = was as Record<string | symbol, unknown>;
  const b = now as Record<string | symbol, unknown>;
  for (const [key, bit] of bits.fields) if (a[key] !== b[key]) mark(writes, bit);
  for (const [key, inner] of bits.nested ?? []) {
    const x = a[key] as readonly object[];
    const y = b[key] as readonly object[];
    if (x !== y) for (let i = 0; i < inner.length; i++) changed(x[i]!, y[i]!, inner[i]!, writes);
  }
  const known = (key: string) => bits.fields!.has(key) || bits.nested?.has(key) === true;
  for (const key of Object.keys(b)) if (!known(key) && a[key] !== b[key]) mark(writes, bits.other);
  for (const key of Object.keys(a)) if (!known(key) && !(key in b)) mark(writes, bits.other);
}

/**
 * Takes the step and measures its footprint: what its guard (budget included), its effect and
 * the reactions looked at, and what they changed; with `judge`, also what it looks at when it
 * judges the step from the state before to the one after. The action must be enabled.
 */
export function measureStep(
  config: ModelConfig,
  state: State,
  action: Action,
  judge?: (before: State, after: State) => void,
): Footprinted {
  const layout = layoutOf(config, state);
  const session = new Session(state, layout);
  if (!isEnabled(config, session.view, action)) throw new RangeError(`${action.type} is not enabled`);
  const after = session.plainState(step(config, session.view, action));
  if (judge !== undefined) {
    // What judges the step looks at counts as read: of the state before, and of the one after.
    const next = new Session(after, layout, session.watch);
    judge(session.view, next.view);
  }
  const footprint = new Uint32Array(2 * layout.words);
  footprint.set(session.reads);
  session.written(after, footprint.subarray(layout.words));
  return { after, footprint };
}
