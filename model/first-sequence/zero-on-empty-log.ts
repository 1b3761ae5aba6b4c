/**
 * KAFKA-15591: a leader whose partition is empty takes a PID's first batch only from sequence 0,
 * so a batch that overtook an earlier failed one is refused with OUT_OF_ORDER_SEQUENCE_NUMBER and
 * retried behind it. A partition that already holds data still accepts any first sequence.
 */
import type { FirstSequenceRule } from './rule.ts';

export const zeroOnEmptyLog: FirstSequenceRule = (leader, batch) =>
  leader.logEndOffset > 0 || batch.baseSequence === 0 ? 'append' : 'OutOfOrderSequence';
