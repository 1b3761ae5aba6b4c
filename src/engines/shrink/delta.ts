/**
 * Delta debugging over a counterexample's applied steps, after fast-check's shrinking (Zeller's
 * ddmin): drop a block of steps, replay the rest from the initial state (a step no longer
 * possible is skipped), let the heal phase run as every run's does, and keep the result when the
 * same property still breaks in fewer steps. Blocks halve down to single steps, so a repeated
 * retry cycle goes as a block and a stray step alone. The search ends when no single step can go
 * or after `replaysMax` replays. It is deterministic: a counterexample always shortens the same
 * way, so seed and path still regenerate the shortened one.
 */
import type { Model } from '../contract.ts';
import type { HealOptions } from '../heal.ts';
import { heal } from '../random/run.ts';
import { Tracker, type Violation } from '../tracker.ts';

export interface Steps<A> {
  /** Applied steps up to the violation (the heal phase included for an end-to-end one). */
  readonly actions: readonly A[];
  /** Index in `actions` where the heal phase began. */
  readonly healFrom: number;
  readonly violation: Violation;
}

export interface DeltaOptions {
  readonly heal: HealOptions;
  /** Replays the search may spend (each is one run of at most the counterexample's length plus a heal phase). */
  readonly replaysMax: number;
}

export const DEFAULT_REPLAYS = 400;

/**
 * Replays `candidate`, skipping steps that are not possible, then heals; the property's violation,
 * if it breaks. Steps from `healFrom` on are heal-phase steps: they are taken from what is
 * possible once faults stop (a long timeout included, as a trace's replay allows), and the heal
 * phase goes on from where they end.
 */
export function replaySteps<S, A>(
  model: Model<S, A>,
  candidate: readonly A[],
  property: string,
  options: DeltaOptions,
  healFrom = candidate.length,
): Steps<A> | null {
  const tracker = new Tracker(model);
  let state = model.initial;
  tracker.state(state, 0);
  const actions: A[] = [];
  let faultSteps = 0;
  const broken = () => tracker.violations.find((v) => v.property === property);
  for (let i = 0; i < candidate.length; i++) {
    if (broken() !== undefined) break;
    const healing = i >= healFrom;
    const key = model.key(candidate[i]!);
    const possible = healing ? model.heal(state, true) : model.enabled(state);
    const action = possible.find((a) => model.key(a) === key);
    if (action === undefined) continue;
    const after = model.step(state, action);
    actions.push(action);
    if (!healing) faultSteps = actions.length;
    tracker.transition(state, action, after, actions.length);
    state = after;
  }
  if (broken() === undefined) {
    const healed = heal(model, state, actions, tracker, options.heal);
    tracker.end(healed.state, healed.ending, actions.length);
  }
  const violation = broken();
  if (violation === undefined) return null;
  return {
    actions: actions.slice(0, violation.step),
    healFrom: Math.min(faultSteps, violation.step),
    violation,
  };
}

/** The shortest counterexample of the same property that dropping blocks of steps reaches. */
export function shortenSteps<S, A>(model: Model<S, A>, found: Steps<A>, options: DeltaOptions): Steps<A> {
  const property = found.violation.property;
  let best: Steps<A> = found;
  let replays = 0;
  let blocks = 2;
  while (replays < options.replaysMax && best.actions.length > 0) {
    const length = best.actions.length;
    const size = Math.max(1, Math.ceil(length / blocks));
    let shorter: Steps<A> | null = null;
    for (let from = 0; from < length && replays < options.replaysMax; from += size) {
      const candidate = [...best.actions.slice(0, from), ...best.actions.slice(from + size)];
      const healFrom = best.healFrom - Math.max(0, Math.min(best.healFrom, from + size) - from);
      replays++;
      const result = replaySteps(model, candidate, property, options, healFrom);
      if (result !== null && result.actions.length < length) {
        shorter = result;
        break;
      }
    }
    if (shorter !== null) {
      best = shorter;
      blocks = Math.max(blocks - 1, 2);
    } else if (size === 1) {
      break;
    } else {
      blocks = Math.min(blocks * 2, length);
    }
  }
  return best;
}
