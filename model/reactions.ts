/**
 * What happens as a consequence of a change, run after every step that changed a partition or a
 * connection, in this order: each leader moves its high watermark up to what its ISR has, then
 * each leader answers the acks=all requests the high watermark has passed, then each transaction
 * coordinator learns which of its markers are replicated. Steps never call
 * these themselves.
 */
import { completePurgatory } from './broker/purgatory.ts';
import type { ModelConfig } from './config.ts';
import type { FootprintPaths } from './footprint.ts';
import { advanceHighWatermark } from './replication/high-watermark.ts';
import type { State } from './state.ts';
import { completeTxnMarkers } from './transactions/markers.ts';

type Reaction = (config: ModelConfig, state: State, partition: number) => State;

/**
 * What the reactions may read and write, for the footprint of a step that changes a partition or
 * a connection: the partitions' leaders, ISRs and replicas' offsets, every connection's purgatory
 * and responses, and every transaction's metadata.
 */
export const reactionFootprint: FootprintPaths = {
  reads: [
    'brokers[*].up',
    'partitions[*].leader',
    'partitions[*].leaderEpoch',
    'partitions[*].isr',
    'partitions[*].followerEndOffsets',
    'partitions[*].replicas[*].broker',
    'partitions[*].replicas[*].logEndOffset',
    'connections[*][*].responsesLost',
  ],
  writes: [
    'partitions[*].replicas[*].highWatermark',
    'connections[*][*].purgatory',
    'connections[*][*].responses',
    'transactions[*]',
  ],
};

/** The reactions, each run for every partition before the next one runs. */
export const reactions: readonly Reaction[] = [advanceHighWatermark, completePurgatory, completeTxnMarkers];

/** Runs the reactions to what the step from `before` to `after` changed. */
export function react(config: ModelConfig, before: State, after: State): State {
  if (after.partitions === before.partitions && after.connections === before.connections) return after;
  let next = after;
  for (const reaction of reactions) {
    for (let partition = 0; partition < next.partitions.length; partition++) {
      next = reaction(config, next, partition);
    }
  }
  return next;
}
