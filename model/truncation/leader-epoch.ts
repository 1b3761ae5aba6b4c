/**
 * Kafka since KIP-101 and KIP-279: the follower asks the leader where its latest leader epoch
 * ends (OffsetsForLeaderEpoch), repeating with earlier epochs until both agree, and truncates
 * to that offset. The exchange runs as one step here; it ends where the two logs stop agreeing.
 */
import type { Action } from '../action.ts';
import { partitionAt, replicaOf, withPartition, withReplica } from '../cluster.ts';
import { divergenceOffset, truncateTo } from '../log.ts';
import type { State } from '../state.ts';
import { replicasToReconcile, type TruncationProtocol } from './protocol.ts';

type OffsetsForLeaderEpochAction = Extract<Action, { type: 'OffsetsForLeaderEpoch' }>;

export const leaderEpochTruncation: TruncationProtocol = {
  variant: 'leader-epoch',
  enabled: (state) =>
    replicasToReconcile(state, true).map(({ partition, broker }) => ({
      type: 'OffsetsForLeaderEpoch',
      partition,
      broker,
    })),
};

export function offsetsForLeaderEpoch(state: State, action: OffsetsForLeaderEpochAction): State {
  const p = partitionAt(state, action.partition);
  const leader = replicaOf(p, p.leader!);
  const truncated = withReplica(p, action.broker, (r) => ({
    ...truncateTo(r, divergenceOffset(r, leader)),
    leaderEpoch: p.leaderEpoch,
  }));
  return withPartition(state, action.partition, truncated);
}
