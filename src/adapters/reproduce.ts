/**
 * Reproducing a trace file: rebuild the model from the recorded configuration, apply the recorded
 * actions, judge every property again, and say whether the recorded violation came back.
 */
import { ruleNames } from '../../model/canonical/index.ts';
import type { Action } from '../../model/index.ts';
import type { Model } from '../engines/contract.ts';
import { replayActions } from '../engines/replay.ts';
import type { Violation } from '../engines/tracker.ts';
import type { CanonicalTrace } from '../trace/canonical.ts';
import type { Trace } from '../trace/schema.ts';
import { canonicalModel } from './canonical.ts';
import { kafkaModel } from './kafka.ts';

export type Reproduction<A = Action> =
  | { readonly kind: 'reproduced'; readonly violation: Violation; readonly others: readonly Violation[] }
  | { readonly kind: 'clean'; readonly others: readonly Violation[] }
  | { readonly kind: 'diverged'; readonly step: number; readonly action: A; readonly reason: string };

export function reproduceTrace(trace: Trace): Reproduction {
  return judged(kafkaModel(trace.config), trace, trace.actions, trace.healFrom);
}

/** A canonical model's trace: its rules, by the anchor's names, from the initial state. */
export function reproduceCanonicalTrace(trace: CanonicalTrace): Reproduction<number> {
  const rules = trace.actions.map((name) => ruleNames.indexOf(name));
  return judged(canonicalModel(trace.config), trace, rules, rules.length);
}

function judged<S, A>(
  model: Model<S, A>,
  trace: Pick<Trace, 'kind' | 'property'>,
  actions: readonly A[],
  healFrom: number,
): Reproduction<A> {
  const outcome = replayActions(model, { actions, healFrom, judgeEnd: trace.kind === 'end' });
  if (outcome.kind === 'diverged') return outcome;
  const violation = outcome.violations.find((v) => v.property === trace.property);
  const others = outcome.violations.filter((v) => v.property !== trace.property);
  return violation === undefined ? { kind: 'clean', others } : { kind: 'reproduced', violation, others };
}
