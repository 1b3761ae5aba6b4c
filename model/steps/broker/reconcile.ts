/**
 * Which replicas must reconcile their log before they fetch again: those that are up, follow the
 * partition, and have not caught up with its current leader epoch (they started following a new
 * leader, or restarted). How they reconcile is a protocol variant (variants.ts).
 */
import { partitionAt, withPartition, withReplica } from '../../cluster.ts';
import { truncateTo } from '../../log.ts';
import type { Partition, Replica, State } from '../../state.ts';

export function mustReconcile(state: State, partition: number, broker: number): boolean {
  const p = partitionAt(state, partition);
  if (broker === p.leader || !state.brokers[broker]?.up) return false;
  const r = p.replicas.find((replica) => replica.broker === broker)!;
  return r.leaderEpoch < p.leaderEpoch;
}

export function leaderIsUp(state: State, partition: number): boolean {
  const leader = partitionAt(state, partition).leader;
  return leader !== null && state.brokers[leader]?.up === true;
}

/** The replica truncates to the offset its variant decides and follows the partition's current epoch. */
export function reconcile(
  state: State,
  partition: number,
  broker: number,
  offset: (replica: Replica, p: Partition) => number,
): State {
  const p = partitionAt(state, partition);
  const truncated = withReplica(p, broker, (r) => ({
    ...truncateTo(r, offset(r, p)),
    leaderEpoch: p.leaderEpoch,
  }));
  return withPartition(state, partition, truncated);
}
