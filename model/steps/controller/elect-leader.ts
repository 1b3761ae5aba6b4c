/**
 * The controller makes a broker leader of an offline partition. A clean election takes a live ISR
 * member; an unclean one, when unclean.leader.election.enable is set, takes any live replica, and
 * only when no ISR member is alive. Kafka picks the first eligible replica in assignment order;
 * the model lets any eligible one win, which covers every assignment order. The new leader starts
 * a new leader epoch; its ISR stays (or, after an unclean election, is the leader alone). Leaders
 * never truncate. The leader knows nothing yet of its followers' logs.
 */
import { isUp, partitionAt, replicaIndex, withPartition, withReplica } from '../../cluster.ts';
import type { Partition } from '../../state.ts';
import { perReplica, type StepModule } from '../step.ts';

export interface ElectLeaderAction {
  readonly type: 'ElectLeader';
  readonly partition: number;
  readonly broker: number;
}

export const electLeader: StepModule<ElectLeaderAction> = {
  type: 'ElectLeader',
  actor: 'controller',
  fields: { partition: 'partition', broker: 'broker' },
  footprint: {
    reads: [],
    writes: [
      'partitions[partition].followerEndOffsets',
      'partitions[partition].isr',
      'partitions[partition].leader',
      'partitions[partition].leaderEpoch',
      'partitions[partition].replicas[*].leaderEpoch',
    ],
  },
  candidates: (config) =>
    perReplica(config, (partition, broker) => ({ type: 'ElectLeader', partition, broker })),
  guard(config, state, action) {
    const p = partitionAt(state, action.partition);
    if (p.leader !== null || !isUp(state, action.broker) || replicaIndex(p, action.broker) < 0) return false;
    if (p.isr.includes(action.broker)) return true;
    return config.uncleanLeaderElectionEnable && !p.isr.some((b) => isUp(state, b));
  },
  effect(_config, state, action) {
    const p = partitionAt(state, action.partition);
    const leaderEpoch = p.leaderEpoch + 1;
    const clean = p.isr.includes(action.broker);
    const elected: Partition = withReplica(
      {
        ...p,
        leader: action.broker,
        leaderEpoch,
        isr: clean ? p.isr : [action.broker],
        followerEndOffsets: p.followerEndOffsets.map(() => 0),
      },
      action.broker,
      (r) => ({ ...r, leaderEpoch }),
    );
    return withPartition(state, action.partition, elected);
  },
  tell: (_config, before, a) => ({
    actor: 'controller',
    message: `elects broker ${a.broker} leader of partition ${a.partition}${before.partitions[a.partition]!.isr.includes(a.broker) ? '' : ' — an unclean election, from outside the ISR'}`,
  }),
};
