/**
 * One run: a schedule's prefix, then its action intents (an intent that is not enabled is
 * skipped), then the heal phase, judged throughout. Shared by the random explorer,
 * seed+path replay and the counterexample report.
 */

import type { Ending, Model } from '../contract.ts';
import { ended } from '../ending.ts';
import { defaultHeal, fairScheduler, type HealOptions } from '../heal.ts';
import { Tracker, type Violation } from '../tracker.ts';
import { startOf } from './prefix.ts';
import { resolveIntent, type Schedule } from './schedule.ts';

export interface Run<S, A> {
  readonly actions: readonly A[];
  /** Index in `actions` where the heal phase begins. */
  readonly healFrom: number;
  readonly violations: readonly Violation[];
  readonly witnessed: ReadonlyMap<string, number>;
  readonly ending: Ending;
  readonly finalState: S;
}

/** Runs the heal phase from `state`, appending to `actions`. */
export function heal<S, A>(
  model: Model<S, A>,
  start: S,
  actions: A[],
  tracker: Tracker<S, A>,
  options: HealOptions,
  visit?: (state: S) => void,
): { state: S; ending: Ending } {
  const scheduler = fairScheduler(model, options);
  let state = start;
  let healSteps = 0;
  while (healSteps < options.stepsMax) {
    const action = scheduler.next(state);
    // Nothing left to heal: nothing but faults is enabled, so the run has ended.
    if (action === null) break;
    const after = model.step(state, action);
    actions.push(action);
    healSteps++;
    tracker.transition(state, action, after, actions.length);
    visit?.(after);
    state = after;
  }
  return { state, ending: { quiescent: ended(model, state), healSteps } };
}

export function runSchedule<S, A>(
  model: Model<S, A>,
  schedule: Schedule,
  options: HealOptions = defaultHeal,
  /** Sees every state the run goes through, for coverage. */
  visit?: (state: S) => void,
): Run<S, A> {
  // A prefix from the pool starts where the pool already stepped and judged it; any other is walked.
  const start = startOf(model, schedule.prefix);
  const tracker = start === null ? new Tracker(model) : start.tracker.fork();
  const actions: A[] = start === null ? [] : [...start.actions];
  let state = start === null ? model.initial : start.state;
  if (start === null) tracker.state(state, 0);
  visit?.(state);
  const apply = (action: A) => {
    const after = model.step(state, action);
    actions.push(action);
    tracker.transition(state, action, after, actions.length);
    visit?.(after);
    state = after;
  };
  if (start === null) for (const index of schedule.prefix) apply(model.enabled(state)[index]!);
  for (const segment of schedule.segments) {
    const off = new Set(segment.off);
    for (const intent of segment.intents) {
      const action = resolveIntent(model, state, off, intent);
      if (action !== null) apply(action);
    }
  }
  const healFrom = actions.length;
  const healed = heal(model, state, actions, tracker, options, visit);
  tracker.end(healed.state, healed.ending, actions.length);
  return {
    actions,
    healFrom,
    violations: tracker.violations,
    witnessed: tracker.witnessed,
    ending: healed.ending,
    finalState: healed.state,
  };
}
