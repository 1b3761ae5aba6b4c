/**
 * Replaying a trace file: rebuild the model from the recorded configuration, apply the recorded
 * actions, judge every property again, and say whether the recorded violation came back.
 */
import type { Action } from '../model/index.ts';
import { replayActions } from './explore/replay.ts';
import type { Violation } from './explore/tracker.ts';
import { kafkaModel } from './models/kafka.ts';
import type { Trace } from './trace/schema.ts';

export type TraceReplay =
  | { readonly kind: 'reproduced'; readonly violation: Violation; readonly others: readonly Violation[] }
  | { readonly kind: 'clean'; readonly others: readonly Violation[] }
  | { readonly kind: 'diverged'; readonly step: number; readonly action: Action; readonly reason: string };

export function replayTrace(trace: Trace): TraceReplay {
  const outcome = replayActions(kafkaModel(trace.config), {
    actions: trace.actions,
    healFrom: trace.healFrom,
    judgeEnd: trace.kind === 'end',
  });
  if (outcome.kind === 'diverged') return outcome;
  const violation = outcome.violations.find((v) => v.property === trace.property);
  const others = outcome.violations.filter((v) => v.property !== trace.property);
  return violation === undefined ? { kind: 'clean', others } : { kind: 'reproduced', violation, others };
}
