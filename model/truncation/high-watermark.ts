/**
 * Kafka before KIP-101: a replica that becomes a follower, or restarts, truncates its log to its
 * own high watermark and fetches from there. The follower's high watermark lags the leader's by
 * a fetch, so this can cut committed records (KIP-101's data loss) or let logs diverge.
 */
import type { Action } from '../action.ts';
import { partitionAt, withPartition, withReplica } from '../cluster.ts';
import { truncateTo } from '../log.ts';
import type { State } from '../state.ts';
import { replicasToReconcile, type TruncationProtocol } from './protocol.ts';

type TruncateToHighWatermarkAction = Extract<Action, { type: 'TruncateToHighWatermark' }>;

export const highWatermarkTruncation: TruncationProtocol = {
  variant: 'high-watermark',
  enabled: (state) =>
    replicasToReconcile(state, false).map(({ partition, broker }) => ({
      type: 'TruncateToHighWatermark',
      partition,
      broker,
    })),
};

export function truncateToHighWatermark(state: State, action: TruncateToHighWatermarkAction): State {
  const p = partitionAt(state, action.partition);
  const truncated = withReplica(p, action.broker, (r) => ({
    ...truncateTo(r, r.highWatermark),
    leaderEpoch: p.leaderEpoch,
  }));
  return withPartition(state, action.partition, truncated);
}
