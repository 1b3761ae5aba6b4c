/**
 * Kafka since KIP-101 and KIP-279: the follower asks the leader where its latest leader epoch
 * ends (OffsetsForLeaderEpoch), repeating with earlier epochs until both agree, and truncates
 * to that offset. The exchange runs as one step here; it ends where the two logs stop agreeing.
 */
import { replicaOf } from '../../cluster.ts';
import { divergenceOffset } from '../../log.ts';
import { perReplica, type StepModule } from '../step.ts';
import { replicaOn } from '../words.ts';
import { leaderIsUp, mustReconcile, reconcile } from './reconcile.ts';

export interface OffsetsForLeaderEpochAction {
  readonly type: 'OffsetsForLeaderEpoch';
  readonly partition: number;
  readonly broker: number;
}

export const offsetsForLeaderEpoch: StepModule<OffsetsForLeaderEpochAction> = {
  type: 'OffsetsForLeaderEpoch',
  actor: 'broker',
  fields: { partition: 'partition', broker: 'broker' },
  footprint: {
    reads: ['partitions[partition].replicas[*].flushedOffset'],
    writes: [
      'partitions[partition].replicas[*].leaderEpoch',
      'partitions[partition].replicas[*].log',
      'partitions[partition].replicas[*].logEndOffset',
    ],
  },
  candidates: (config) =>
    perReplica(config, (partition, broker) => ({ type: 'OffsetsForLeaderEpoch', partition, broker })),
  guard: (_config, state, a) => leaderIsUp(state, a.partition) && mustReconcile(state, a.partition, a.broker),
  effect: (_config, state, a) =>
    reconcile(state, a.partition, a.broker, (r, p) => divergenceOffset(r, replicaOf(p, p.leader!))),
  tell: (_config, _before, a, after) => ({
    actor: `broker ${a.broker}`,
    message: `asks the leader where its last leader epoch ends (OffsetsForLeaderEpoch) and truncates to offset ${replicaOn(after, a.partition, a.broker).logEndOffset}`,
  }),
};
