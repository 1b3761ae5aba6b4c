/**
 * Footprints: what a step may read and write, as bit sets over the parts of the state. Each
 * field of each broker, partition, replica, producer, connection, transaction and reader has a
 * bit; so have a producer's sends and attempts (one each), the pipeline's group, instances and
 * sink, the next PID and each fault budget. Two steps whose footprints share nothing but reads
 * commute, and neither enables or disables the other: the exhaustive explorer's sleep sets rest
 * on that.
 *
 * A step module declares its footprint as paths into the state, written with the action's
 * fields for indices (`producers[producer].inFlight`, `connections[*][broker].requests`); a
 * module that declares none may touch anything. The machine adds the fault budget a fault spends
 * and, for a step that writes a partition or a connection, what the reactions read and write.
 * footprint-measure.ts measures real steps, and the tests hold every declaration to them.
 */
import type { ModelConfig } from './config.ts';
import { perConfig } from './per-config.ts';
import type { State } from './state.ts';

/** The arrays of the state that hold one part per element. */
export const PART_ARRAYS = [
  'brokers',
  'partitions',
  'producers',
  'sends',
  'transactions',
  'readers',
  'attempts',
] as const;
export type PartArray = (typeof PART_ARRAYS)[number];
/** Fields whose elements are parts of their own: a partition's replicas, one per broker hosting it. */
const NESTED: Partial<Record<PartArray, readonly string[]>> = { partitions: ['replicas'] };
export const NESTED_KEYS: readonly string[] = Object.values(NESTED).flat();

/**
 * One part's bits: an object part has a bit per field (and one for fields it did not have in the
 * initial state); a part that is an array (a producer's sends) has one bit.
 */
export interface PartBits {
  readonly fields: ReadonlyMap<string | symbol, number> | null;
  /** Fields that hold parts of their own (a partition's replicas), with their bits. */
  readonly nested: ReadonlyMap<string | symbol, readonly PartBits[]> | null;
  /** The bit of the whole part when it is an array, else of the fields not in `fields`. */
  readonly other: number;
}

/** Where each part's bits are, for states of one configuration (the parts never change in number). */
export interface Layout {
  readonly arrays: Readonly<Record<PartArray, readonly PartBits[]>>;
  /** connections[producer][broker]. */
  readonly connections: readonly (readonly PartBits[])[];
  readonly pipeline: PartBits | null;
  readonly nextProducerId: number;
  readonly faults: Readonly<Record<string, number>>;
  /** 32-bit words per set. */
  readonly words: number;
}

/** Where each part of the state has its bits: the same for every state of a configuration. */
export const layoutOf = perConfig((_config: ModelConfig, state: State): Layout => {
  let bit = 0;
  const bitsOf = (part: object, inner: readonly string[] = []): PartBits => {
    if (Array.isArray(part)) return { fields: null, nested: null, other: bit++ };
    const fields = new Map<string, number>();
    const nested = new Map<string, readonly PartBits[]>();
    for (const [key, value] of Object.entries(part)) {
      if (inner.includes(key))
        nested.set(
          key,
          (value as readonly object[]).map((v) => bitsOf(v)),
        );
      else fields.set(key, bit++);
    }
    return { fields, nested: nested.size === 0 ? null : nested, other: bit++ };
  };
  const arrays = {} as Record<PartArray, readonly PartBits[]>;
  for (const name of PART_ARRAYS) {
    arrays[name] = (state[name] as readonly object[]).map((part) => bitsOf(part, NESTED[name] ?? []));
  }
  const connections = state.connections.map((row) => row.map((c) => bitsOf(c)));
  const pipeline = state.pipeline === undefined ? null : bitsOf(state.pipeline);
  const nextProducerId = bit++;
  const faults: Record<string, number> = {};
  for (const kind of Object.keys(state.faultsUsed).sort()) faults[kind] = bit++;
  return { arrays, connections, pipeline, nextProducerId, faults, words: Math.ceil(bit / 32) };
});

/** Sets `bit` of the bit set that starts at word `offset` of `set`. */
export function setBit(set: Uint32Array, offset: number, bit: number): void {
  set[offset + (bit >>> 5)]! |= 1 << (bit & 31);
}

/** Every bit of a part: its fields, the bit for other fields, and its nested parts'. */
function allBits(bits: PartBits, into: number[]): void {
  if (bits.fields !== null) into.push(...bits.fields.values());
  into.push(bits.other);
  for (const inner of bits.nested?.values() ?? []) for (const b of inner) allBits(b, into);
}

/** An index written in a path: an action field's value, or every index. */
function indices(
  token: string,
  count: number,
  action: Readonly<Record<string, unknown>>,
  path: string,
): number[] {
  if (token === '*') return Array.from({ length: count }, (_, i) => i);
  const value = action[token];
  if (typeof value !== 'number')
    throw new RangeError(`footprint path ${path}: the action has no field ${token}`);
  return value >= 0 && value < count ? [value] : [];
}

/** One segment of a path: a name and its indices, `connections[producer][*]`. */
function segmentsOf(path: string): { readonly name: string; readonly index: readonly string[] }[] {
  return path.split('.').map((segment) => {
    const match = /^(\w+)((?:\[(?:\w+|\*)\])*)$/.exec(segment);
    if (match === null) throw new RangeError(`footprint path ${path}: cannot read ${segment}`);
    const index = [...match[2]!.matchAll(/\[(\w+|\*)\]/g)].map((m) => m[1]!);
    return { name: match[1]!, index };
  });
}

/** The bits of a part's field (or of the whole part when no field is named). */
function fieldBits(
  bits: PartBits,
  rest: readonly { name: string; index: readonly string[] }[],
  action: Readonly<Record<string, unknown>>,
  path: string,
  into: number[],
): void {
  const next = rest[0];
  if (next === undefined) {
    allBits(bits, into);
    return;
  }
  const nested = bits.nested?.get(next.name);
  if (nested !== undefined) {
    for (const i of indices(next.index[0] ?? '*', nested.length, action, path))
      fieldBits(nested[i]!, rest.slice(1), action, path, into);
    return;
  }
  const bit = bits.fields?.get(next.name);
  if (bit === undefined || rest.length > 1 || next.index.length > 0)
    throw new RangeError(`footprint path ${path}: no field ${next.name}`);
  into.push(bit);
}

/** The bits a path names, for one action. */
export function bitsOfPath(
  layout: Layout,
  path: string,
  action: Readonly<Record<string, unknown>>,
): number[] {
  const [head, ...rest] = segmentsOf(path);
  const into: number[] = [];
  const name = head!.name;
  if (name === 'nextProducerId') into.push(layout.nextProducerId);
  else if (name === 'faultsUsed') {
    const bit = layout.faults[rest[0]?.name ?? ''];
    if (bit === undefined) throw new RangeError(`footprint path ${path}: no fault budget ${rest[0]?.name}`);
    into.push(bit);
  } else if (name === 'pipeline') {
    if (layout.pipeline !== null) fieldBits(layout.pipeline, rest, action, path, into);
  } else if (name === 'connections') {
    const rows = layout.connections;
    for (const p of indices(head!.index[0] ?? '*', rows.length, action, path))
      for (const b of indices(head!.index[1] ?? '*', rows[p]!.length, action, path))
        fieldBits(rows[p]![b]!, rest, action, path, into);
  } else if ((PART_ARRAYS as readonly string[]).includes(name)) {
    const parts = layout.arrays[name as PartArray];
    for (const i of indices(head!.index[0] ?? '*', parts.length, action, path))
      fieldBits(parts[i]!, rest, action, path, into);
  } else throw new RangeError(`footprint path ${path}: the state has no ${name}`);
  return into;
}

/** What a step may read and write, as paths into the state. */
export interface FootprintPaths {
  readonly reads: readonly string[];
  readonly writes: readonly string[];
}

/** A footprint from paths: reads in words [0, w), writes in [w, 2w); every write is also a read. */
export function footprintOf(layout: Layout, paths: FootprintPaths, action: object): Uint32Array {
  const set = new Uint32Array(2 * layout.words);
  const fields = action as Readonly<Record<string, unknown>>;
  for (const path of paths.reads) for (const bit of bitsOfPath(layout, path, fields)) setBit(set, 0, bit);
  for (const path of paths.writes) {
    for (const bit of bitsOfPath(layout, path, fields)) {
      setBit(set, 0, bit);
      setBit(set, layout.words, bit);
    }
  }
  return set;
}

/** The footprint of a step that may touch anything. */
export function everything(layout: Layout): Uint32Array {
  return new Uint32Array(2 * layout.words).fill(0xffffffff);
}

/** Adds `extra` to `set`. */
export function addFootprint(set: Uint32Array, extra: Uint32Array): void {
  for (let i = 0; i < set.length; i++) set[i]! |= extra[i]!;
}

/** Whether `set` writes any of the bits `paths` name (for one action). */
export function writesAny(layout: Layout, set: Uint32Array, bits: readonly number[]): boolean {
  return bits.some((bit) => (set[layout.words + (bit >>> 5)]! & (1 << (bit & 31))) !== 0);
}

/** The bits of `measured` that `declared` lacks, as [read, write] bit lists (empty when it covers them). */
export function uncovered(
  declared: Uint32Array,
  measured: Uint32Array,
): { reads: number[]; writes: number[] } {
  const words = declared.length / 2;
  const out = { reads: [] as number[], writes: [] as number[] };
  for (let bit = 0; bit < words * 32; bit++) {
    const w = bit >>> 5;
    const m = 1 << (bit & 31);
    if ((measured[w]! & m) !== 0 && (declared[w]! & m) === 0) out.reads.push(bit);
    if ((measured[words + w]! & m) !== 0 && (declared[words + w]! & m) === 0) out.writes.push(bit);
  }
  return out;
}

/** Each bit's path in the state (`producers[0].inFlight`), to name what a footprint holds. */
export function bitNames(layout: Layout): string[] {
  const names: string[] = [];
  const name = (bits: PartBits, label: string): void => {
    for (const [key, bit] of bits.fields ?? []) names[bit] = `${label}.${String(key)}`;
    names[bits.other] = bits.fields === null ? label : `${label}.(other)`;
    for (const [key, inner] of bits.nested ?? []) {
      for (let i = 0; i < inner.length; i++) name(inner[i]!, `${label}.${String(key)}[${i}]`);
    }
  };
  for (const array of PART_ARRAYS) {
    const parts = layout.arrays[array];
    for (let i = 0; i < parts.length; i++) name(parts[i]!, `${array}[${i}]`);
  }
  for (let p = 0; p < layout.connections.length; p++) {
    const row = layout.connections[p]!;
    for (let b = 0; b < row.length; b++) name(row[b]!, `connections[${p}][${b}]`);
  }
  if (layout.pipeline !== null) name(layout.pipeline, 'pipeline');
  names[layout.nextProducerId] = 'nextProducerId';
  for (const [kind, bit] of Object.entries(layout.faults)) names[bit] = `faultsUsed.${kind}`;
  return names;
}
