/**
 * Judging one state or one step against every property of a model, as both explorers do: the first
 * property that breaks, or null.
 */
import type { Ending, Judge, Model } from './contract.ts';

export interface Broken {
  readonly property: string;
  readonly message: string;
  readonly evidence: unknown;
  /** `safety`: broken on a state or step; `end`: broken on a state where only faults could happen. */
  readonly kind: 'safety' | 'end';
}

function broken(
  judge: Judge<unknown, unknown>,
  j: ReturnType<NonNullable<Judge<unknown, unknown>['always']>>,
  kind: Broken['kind'],
): Broken | null {
  return j.holds ? null : { property: judge.name, message: j.message, evidence: j.evidence, kind };
}

export function brokenOnState<S, A>(model: Model<S, A>, state: S): Broken | null {
  for (const judge of model.judges) {
    if (!judge.always) continue;
    const b = broken(judge as Judge<unknown, unknown>, judge.always(state), 'safety');
    if (b !== null) return b;
  }
  return null;
}

export function brokenOnStep<S, A>(model: Model<S, A>, before: S, action: A, after: S): Broken | null {
  for (const judge of model.judges) {
    if (!judge.everyStep) continue;
    const b = broken(judge as Judge<unknown, unknown>, judge.everyStep(before, action, after), 'safety');
    if (b !== null) return b;
  }
  return null;
}

export function brokenAtEnd<S, A>(model: Model<S, A>, state: S, ending: Ending): Broken | null {
  for (const judge of model.judges) {
    if (!judge.atEnd) continue;
    const b = broken(judge as Judge<unknown, unknown>, judge.atEnd(state, ending), 'end');
    if (b !== null) return b;
  }
  return null;
}

/** Nothing but faults can happen: the end-to-end properties are judged here. */
export function quiescent<S, A>(model: Model<S, A>, state: S): boolean {
  return model.enabled(state).every((action) => model.isFault(state, action));
}

/**
 * A new state's judgement in the exhaustive search: the safety properties, then, where only faults
 * remain possible, the end-to-end ones (the cluster has healed with nothing left to do).
 */
export function brokenOnNewState<S, A>(model: Model<S, A>, state: S, endJudged: boolean): Broken | null {
  const b = brokenOnState(model, state);
  if (b !== null || !endJudged || !quiescent(model, state)) return b;
  return brokenAtEnd(model, state, { quiescent: true, healSteps: 0 });
}
