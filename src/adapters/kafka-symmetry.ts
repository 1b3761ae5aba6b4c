/**
 * Symmetry of the Kafka model: producers run the same workload, so two states that differ only by
 * which producer is which behave alike. A producer's identity lives in its slot of `producers`,
 * `connections` and `sends`, and in the `producer` of every record reference (in logs, batches and
 * requests); its producer id (PID) is a value it holds and moves with it. A state's class is
 * represented by the smallest JSON text among its renamings. Brokers are not renamed: the replica
 * assignment and the preferred leader tell them apart.
 */
import type { RecordRef, State } from '../../model/index.ts';

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
