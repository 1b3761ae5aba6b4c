/**
 * The heal phase: once faults stop, a fair and deterministic scheduler runs the protocol until
 * nothing is left to do. Fair means the action that waited longest goes first, so every action
 * that stays possible eventually happens. If the cluster has not settled after `patience` steps
 * and comes back to a state it has already been in, it is going round in circles (a producer
 * retrying a batch the broker will never take, say): then the long timeouts
 * (delivery.timeout.ms) may fire too, as they would after minutes. Work that progresses is never
 * timed out.
 */
import type { Model } from './contract.ts';

export interface HealOptions {
  readonly stepsMax: number;
  readonly patience: number;
}

export const defaultHeal: HealOptions = { stepsMax: 600, patience: 60 };

/** Picks the next heal action, or null when the cluster is quiescent. */
export function fairScheduler<S, A>(model: Model<S, A>, options: HealOptions) {
  const lastFired = new Map<string, number>();
  const visited = new Set<string>();
  let steps = 0;
  return {
    next(state: S): A | null {
      let circling = false;
      if (steps >= options.patience) {
        const key = model.stateKey(state);
        circling = visited.has(key);
        visited.add(key);
      }
      const candidates = model.heal(state, circling);
      let best: A | null = null;
      let bestAt = Number.POSITIVE_INFINITY;
      for (const action of candidates) {
        const at = lastFired.get(model.key(action)) ?? -1;
        if (at < bestAt) {
          best = action;
          bestAt = at;
        }
      }
      if (best !== null) lastFired.set(model.key(best), steps++);
      return best;
    },
  };
}
