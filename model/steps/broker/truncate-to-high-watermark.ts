/**
 * Kafka before KIP-101: a replica that becomes a follower, or restarts, truncates its log to its
 * own high watermark and fetches from there. The follower's high watermark lags the leader's by
 * a fetch, so this can cut committed records (KIP-101's data loss) or let logs diverge.
 */
import { partitionAt, withPartition, withReplica } from '../../cluster.ts';
import { truncateTo } from '../../log.ts';
import { perReplica, type StepModule } from '../step.ts';
import { replicaOn } from '../words.ts';
import { mustReconcile } from './reconcile.ts';

export interface TruncateToHighWatermarkAction {
  readonly type: 'TruncateToHighWatermark';
  readonly partition: number;
  readonly broker: number;
}

export const truncateToHighWatermark: StepModule<TruncateToHighWatermarkAction> = {
  type: 'TruncateToHighWatermark',
  actor: 'broker',
  fields: { partition: 'partition', broker: 'broker' },
  candidates: (config) =>
    perReplica(config, (partition, broker) => ({ type: 'TruncateToHighWatermark', partition, broker })),
  guard: (_config, state, a) => mustReconcile(state, a.partition, a.broker),
  effect(_config, state, action) {
    const p = partitionAt(state, action.partition);
    const truncated = withReplica(p, action.broker, (r) => ({
      ...truncateTo(r, r.highWatermark),
      leaderEpoch: p.leaderEpoch,
    }));
    return withPartition(state, action.partition, truncated);
  },
  tell: (_config, before, a) => ({
    actor: `broker ${a.broker}`,
    message: `truncates partition ${a.partition} to its own high watermark ${replicaOn(before, a.partition, a.broker).highWatermark}, as brokers did on restart and on becoming a follower before KIP-101`,
  }),
};
