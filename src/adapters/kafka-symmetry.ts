/**
 * Symmetry of the Kafka model: producers run the same workload, so two states that differ only by
 * which producer is which behave alike. A producer's identity lives in its slot of `producers`,
 * `connections` and `sends`, and in the `producer` of every record reference (in logs, batches and
 * requests); its producer id (PID) is a value it holds and moves with it. A state's class is
 * represented by the smallest JSON text among its renamings, or with the byte encoding by the least
 * bytes. Brokers are not renamed: the replica
 * assignment and the preferred leader tell them apart.
 */
import { StateEncoder } from '../../model/encoding/index.ts';
import type { ModelConfig, RecordRef, State } from '../../model/index.ts';

function permutations(n: number): number[][] {
  if (n <= 1) return [[0]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
  );
}

function isRecordRef(value: object): value is RecordRef {
  return Object.keys(value).length === 2 && 'producer' in value && 'send' in value;
}

/** `value` with every record reference's producer renamed by `to`. */
function renameRefs(value: unknown, to: readonly number[]): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, to));
  if (isRecordRef(value)) return { producer: to[value.producer], send: value.send };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameRefs(v, to)]));
}

/** The state with producer p renamed to `to[p]`. */
export function renameProducers(state: State, to: readonly number[]): State {
  const moved = <T>(slots: readonly T[]): T[] => {
    const out = [...slots];
    slots.forEach((slot, p) => {
      out[to[p]!] = slot;
    });
    return out;
  };
  const renamed = renameRefs(state, to) as State;
  return {
    ...renamed,
    producers: moved(renamed.producers),
    connections: moved(renamed.connections),
    sends: moved(renamed.sends),
    transactions: moved(renamed.transactions),
    attempts: moved(renamed.attempts),
  };
}

/** The encoding of a state's class under renaming producers: the least JSON text of its renamings. */
export function producerSymmetric(producers: number): (state: State) => string {
  const renamings = permutations(producers).filter((p) => p.some((to, from) => to !== from));
  return (state) => {
    let best = JSON.stringify(state);
    for (const to of renamings) {
      const text = JSON.stringify(renameProducers(state, to));
      if (text < best) best = text;
    }
    return best;
  };
}

/** Whether `a` sorts before `b`, byte by byte (a prefix sorts first). */
function less(a: Uint8Array, b: Uint8Array): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]!;
  }
  return a.length < b.length;
}

/**
 * The byte encoding of a state's class: the least bytes (compared byte by byte) among the byte
 * encodings of its renamings. The encoder renames while it writes, so no renamed state is built.
 */
export function producerSymmetricBytes(config: ModelConfig): (state: State) => Uint8Array {
  const renamings = permutations(config.producers).filter((p) => p.some((to, from) => to !== from));
  const encoder = new StateEncoder(config);
  let best = new Uint8Array(256);
  return (state) => {
    let bestLength = 0;
    const keep = (bytes: Uint8Array) => {
      if (bytes.length > best.length) best = new Uint8Array(bytes.length * 2);
      best.set(bytes);
      bestLength = bytes.length;
    };
    keep(encoder.encode(state));
    for (const to of renamings) {
      const bytes = encoder.encode(state, to);
      if (less(bytes, best.subarray(0, bestLength))) keep(bytes);
    }
    return best.slice(0, bestLength);
  };
}
