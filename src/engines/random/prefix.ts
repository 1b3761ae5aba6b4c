/**
 * Prefixes for random schedules: every state a breadth-first search from the initial state
 * reaches within a budget of states, each with the shortest path to it. A schedule may start at
 * one of them, so the early interleavings a fault needs (a request timing out while a produce is
 * in flight, an abort before its answer) are all tried, rather than left to the odds of a random
 * walk: a short exhaustive prefix before a random continuation.
 */
import { encoderFor } from '../bfs/bfs.ts';
import type { Model } from '../contract.ts';

export interface Prefixes {
  readonly size: number;
  /** Indices into `enabled`, state by state, from the initial state to state `index`. */
  readonly pathOf: (index: number) => readonly number[];
}

/** The first `statesMax` states in breadth-first order (the initial state is index 0). */
export function prefixesOf<S, A>(model: Model<S, A>, statesMax: number): Prefixes {
  const encode = encoderFor(model, false);
  const keyOf = (state: S): string => {
    const encoded = encode(state);
    return typeof encoded === 'string' ? encoded : Buffer.from(encoded).toString('latin1');
  };
  const states: S[] = [model.initial];
  const parent: number[] = [-1];
  const via: number[] = [-1];
  const seen = new Set<string>([keyOf(model.initial)]);
  for (let i = 0; i < states.length && states.length < statesMax; i++) {
    const enabled = model.enabled(states[i]!);
    for (let j = 0; j < enabled.length && states.length < statesMax; j++) {
      const next = model.step(states[i]!, enabled[j]!);
      const key = keyOf(next);
      if (seen.has(key)) continue;
      seen.add(key);
      states.push(next);
      parent.push(i);
      via.push(j);
    }
  }
  return {
    size: states.length,
    pathOf(index) {
      const path: number[] = [];
      for (let i = index; i > 0; i = parent[i]!) path.push(via[i]!);
      return path.reverse();
    },
  };
}
