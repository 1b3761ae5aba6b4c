/**
 * The KRaft controller: it fences crashed brokers out of the ISR and elects partition leaders.
 */
import type { Action } from './action.ts';
import { isUp, partitionAt, replicaIndex, withPartition, withReplica } from './cluster.ts';
import type { ModelConfig } from './config.ts';
import { advanceHighWatermark } from './replication.ts';
import type { Partition, State } from './state.ts';

type ElectLeaderAction = Extract<Action, { type: 'ElectLeader' }>;

/**
 * Whether the controller may make this broker leader of an offline partition. A clean election
 * takes a live ISR member; an unclean one, when unclean.leader.election.enable is set, takes any
 * live replica, and only when no ISR member is alive. Kafka picks the first eligible replica in
 * assignment order; the model lets any eligible one win, which covers every assignment order.
 */
export function electLeaderEnabled(config: ModelConfig, state: State, action: ElectLeaderAction): boolean {
  const p = partitionAt(state, action.partition);
  if (p.leader !== null || !isUp(state, action.broker) || replicaIndex(p, action.broker) < 0) return false;
  if (p.isr.includes(action.broker)) return true;
  return config.uncleanLeaderElectionEnable && !p.isr.some((b) => isUp(state, b));
}

/**
 * The new leader starts a new leader epoch; its ISR stays (or, after an unclean election, is the
 * leader alone). Leaders never truncate. The leader knows nothing yet of its followers' logs.
 */
export function electLeader(config: ModelConfig, state: State, action: ElectLeaderAction): State {
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
  return advanceHighWatermark(config, withPartition(state, action.partition, elected), action.partition);
}

/**
 * The controller fences a broker that stopped heartbeating: it leaves every ISR, except that the
 * last member of an ISR stays in it while down, and a partition it led goes offline.
 */
export function fenceBroker(config: ModelConfig, state: State, broker: number): State {
  let next = state;
  for (let partition = 0; partition < state.partitions.length; partition++) {
    const p = partitionAt(next, partition);
    if (replicaIndex(p, broker) < 0) continue;
    const isr = p.isr.length > 1 ? p.isr.filter((b) => b !== broker) : p.isr;
    const leader = p.leader === broker ? null : p.leader;
    next = withPartition(next, partition, { ...p, isr, leader });
    next = advanceHighWatermark(config, next, partition);
  }
  return next;
}
