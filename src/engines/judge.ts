/**
 * The one judging loop: a model's judges at one moment of a run (a state, a step, or the end),
 * every broken property, or only the first. The exhaustive explorer takes the first; the
 * tracker (random runs and replay) keeps judging the properties still unbroken.
 */
import type { Ending, Judge, Judgement, Model } from './contract.ts';
import { ended } from './ending.ts';

export interface Broken {
  readonly property: string;
  readonly message: string;
  readonly evidence: unknown;
  /** `safety`: broken on a state or step; `end`: broken on a state where the run had ended. */
  readonly kind: 'safety' | 'end';
}

/** Where in a run the judges look. */
export type Moment<S, A> =
  | { readonly on: 'state'; readonly state: S }
  | { readonly on: 'step'; readonly before: S; readonly action: A; readonly after: S }
  | { readonly on: 'end'; readonly state: S; readonly ending: Ending };

export interface JudgeOptions {
  /** Stop at the first broken property. */
  readonly first?: boolean;
  /** Properties not judged (already broken). */
  readonly skip?: ReadonlySet<string>;
}

const none: readonly Broken[] = [];

/** A judge's judgement at a moment, or null when it does not judge then. */
function judgementAt<S, A>(judge: Judge<S, A>, moment: Moment<S, A>): Judgement | null {
  switch (moment.on) {
    case 'state':
      return judge.always === undefined ? null : judge.always(moment.state);
    case 'step':
      return judge.everyStep === undefined
        ? null
        : judge.everyStep(moment.before, moment.action, moment.after);
    case 'end':
      return judge.atEnd === undefined ? null : judge.atEnd(moment.state, moment.ending);
  }
}

/** The properties broken at a moment, in the judges' order (at most one with `first`). */
export function judgeAll<S, A>(
  judges: readonly Judge<S, A>[],
  moment: Moment<S, A>,
  options: JudgeOptions = {},
): readonly Broken[] {
  let found: Broken[] | null = null;
  for (const judge of judges) {
    if (options.skip?.has(judge.name)) continue;
    const j = judgementAt(judge, moment);
    if (j === null || j.holds) continue;
    const kind = moment.on === 'end' ? 'end' : 'safety';
    found ??= [];
    found.push({ property: judge.name, message: j.message, evidence: j.evidence, kind });
    if (options.first) break;
  }
  return found ?? none;
}

const first: JudgeOptions = { first: true };

function firstBroken<S, A>(model: Model<S, A>, moment: Moment<S, A>): Broken | null {
  return judgeAll(model.judges, moment, first)[0] ?? null;
}

export function brokenOnState<S, A>(model: Model<S, A>, state: S): Broken | null {
  return firstBroken(model, { on: 'state', state });
}

export function brokenOnStep<S, A>(model: Model<S, A>, before: S, action: A, after: S): Broken | null {
  return firstBroken(model, { on: 'step', before, action, after });
}

export function brokenAtEnd<S, A>(model: Model<S, A>, state: S, ending: Ending): Broken | null {
  return firstBroken(model, { on: 'end', state, ending });
}

/**
 * A new state's judgement in the exhaustive search: the safety properties, then, where the run has
 * ended (see ending.ts), the end-to-end ones.
 */
export function brokenOnNewState<S, A>(model: Model<S, A>, state: S, endJudged: boolean): Broken | null {
  const b = brokenOnState(model, state);
  if (b !== null || !endJudged || !ended(model, state)) return b;
  return brokenAtEnd(model, state, { quiescent: true, healSteps: 0 });
}
