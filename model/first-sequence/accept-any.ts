/**
 * Kafka 3.9: with no state for the PID (its batches never reached this replica, or retention
 * removed them), any sequence is accepted (ProducerAppendInfo, since KIP-360). If the PID's first
 * batch met a retriable error, the next one in flight lands ahead of it (KAFKA-14359).
 */
import type { FirstSequenceRule } from './rule.ts';

export const acceptAny: FirstSequenceRule = () => 'append';
