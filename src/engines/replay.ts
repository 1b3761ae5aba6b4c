/**
 * Replays explicit actions from the initial state: each must still be enabled (in the heal phase,
 * possible once faults stop), and every property is judged again on the way. A step the model
 * no longer accepts ends the replay with the step named.
 */
import type { Model } from './contract.ts';
import { ended } from './ending.ts';
import { Tracker, type Violation } from './tracker.ts';

export type ReplayOutcome<A> =
  | { readonly kind: 'replayed'; readonly violations: readonly Violation[]; readonly steps: number }
  | { readonly kind: 'diverged'; readonly step: number; readonly action: A; readonly reason: string };

export interface ReplayInput<A> {
  readonly actions: readonly A[];
  readonly healFrom: number;
  /** Judge the end-to-end properties after the last action (the run went through the heal phase). */
  readonly judgeEnd: boolean;
}

export function replayActions<S, A>(model: Model<S, A>, input: ReplayInput<A>): ReplayOutcome<A> {
  const tracker = new Tracker(model);
  let state = model.initial;
  tracker.state(state, 0);
  for (let i = 0; i < input.actions.length; i++) {
    const action = input.actions[i]!;
    const healing = i >= input.healFrom;
    const possible = healing ? model.heal(state, true) : model.enabled(state);
    const key = model.key(action);
    if (!possible.some((a) => model.key(a) === key)) {
      const phase = healing ? 'in the heal phase' : '';
      return {
        kind: 'diverged',
        step: i + 1,
        action,
        reason:
          `step ${i + 1}, ${key}, is not possible ${phase} in the state the previous steps reach`.replace(
            '  ',
            ' ',
          ),
      };
    }
    const after = model.step(state, action);
    tracker.transition(state, action, after, i + 1);
    state = after;
  }
  if (input.judgeEnd) {
    const healSteps = input.actions.length - input.healFrom;
    tracker.end(state, { quiescent: ended(model, state), healSteps }, input.actions.length);
  }
  return { kind: 'replayed', violations: tracker.violations, steps: input.actions.length };
}
