/**
 * The check a leader makes on the first batch of a PID it holds no state for. Each variant is
 * one module; the leader asks the configured one, so no other code knows which runs.
 */
import type { FirstSequenceVariant, ModelConfig } from '../config.ts';
import type { ProducerBatch, Replica } from '../state.ts';
import { acceptAny } from './accept-any.ts';
import { zeroOnEmptyLog } from './zero-on-empty-log.ts';

export type FirstSequenceRule = (leader: Replica, batch: ProducerBatch) => 'append' | 'OutOfOrderSequence';

const rules: Record<FirstSequenceVariant, FirstSequenceRule> = {
  'accept-any': acceptAny,
  'zero-on-empty-log': zeroOnEmptyLog,
};

export function firstSequenceRule(config: ModelConfig): FirstSequenceRule {
  return rules[config.variants.firstSequence];
}
