/**
 * The check a leader makes on the first batch of a PID it holds no state for. Each variant is
 * one module; the variant table (variants.ts) says which fills the slot.
 */
import type { ProducerBatch, Replica } from '../state.ts';

export type FirstSequenceRule = (leader: Replica, batch: ProducerBatch) => 'append' | 'OutOfOrderSequence';
