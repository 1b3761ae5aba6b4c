/**
 * The leader drops a follower that has not caught up within replica.lag.time.max.ms from the
 * ISR (AlterPartition). A follower whose fetch offset equals the leader's log end is never
 * lagging, as in Kafka's isCaughtUp.
 */
import { liveLeader, partitionAt, replicaIndex, withPartition } from '../../cluster.ts';
import { perReplica, type StepModule } from '../step.ts';

export interface ShrinkIsrAction {
  readonly type: 'ShrinkIsr';
  readonly partition: number;
  readonly broker: number;
}

export const shrinkIsr: StepModule<ShrinkIsrAction> = {
  type: 'ShrinkIsr',
  actor: 'broker',
  fields: { partition: 'partition', broker: 'broker' },
  footprint: {
    reads: [],
    writes: ['faultsUsed.isr', 'partitions[partition].isr'],
  },
  fault: { budget: () => 'isr' },
  candidates: (config) =>
    perReplica(config, (partition, broker) => ({ type: 'ShrinkIsr', partition, broker })),
  guard(_config, state, action) {
    const p = partitionAt(state, action.partition);
    const leader = liveLeader(state, p);
    if (leader === null || leader.broker === action.broker || !p.isr.includes(action.broker)) return false;
    return p.followerEndOffsets[replicaIndex(p, action.broker)]! < leader.logEndOffset;
  },
  effect(_config, state, action) {
    const p = partitionAt(state, action.partition);
    return withPartition(state, action.partition, { ...p, isr: p.isr.filter((b) => b !== action.broker) });
  },
  tell: (_config, before, a) => ({
    actor: `broker ${before.partitions[a.partition]!.leader}`,
    message: `drops lagging broker ${a.broker} from the ISR of partition ${a.partition} (replica.lag.time.max.ms)`,
  }),
};
