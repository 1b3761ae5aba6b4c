/**
 * Kafka before KIP-101: a replica that becomes a follower, or restarts, truncates its log to its
 * own high watermark and fetches from there. The follower's high watermark lags the leader's by
 * a fetch, so this can cut committed records (KIP-101's data loss) or let logs diverge.
 */
import { perReplica, type StepModule } from '../step.ts';
import { replicaOn } from '../words.ts';
import { mustReconcile, reconcile } from './reconcile.ts';

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
  effect: (_config, state, a) => reconcile(state, a.partition, a.broker, (r) => r.highWatermark),
  tell: (_config, before, a) => ({
    actor: `broker ${a.broker}`,
    message: `truncates partition ${a.partition} to its own high watermark ${replicaOn(before, a.partition, a.broker).highWatermark}, as brokers did on restart and on becoming a follower before KIP-101`,
  }),
};
