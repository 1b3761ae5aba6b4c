/** Reading and rewriting one partition's replicas inside a state. */
import { replaceAt, updateAt } from './immutable.ts';
import type { Partition, Replica, State } from './state.ts';

export function partitionAt(state: State, partition: number): Partition {
  const p = state.partitions[partition];
  if (p === undefined) throw new RangeError(`no partition ${partition}`);
  return p;
}

/** Position of a broker in the partition's assignment, or -1 when it hosts no replica of it. */
export function replicaIndex(partition: Partition, broker: number): number {
  return partition.replicas.findIndex((r) => r.broker === broker);
}

export function replicaOf(partition: Partition, broker: number): Replica {
  const r = partition.replicas[replicaIndex(partition, broker)];
  if (r === undefined) throw new RangeError(`broker ${broker} hosts no replica of this partition`);
  return r;
}

/** The leader's replica when the partition has a leader that is up. */
export function liveLeader(state: State, partition: Partition): Replica | null {
  if (partition.leader === null || !state.brokers[partition.leader]?.up) return null;
  return replicaOf(partition, partition.leader);
}

export function withReplica(
  partition: Partition,
  broker: number,
  update: (r: Replica) => Replica,
): Partition {
  return { ...partition, replicas: updateAt(partition.replicas, replicaIndex(partition, broker), update) };
}

export function withPartition(state: State, partition: number, next: Partition): State {
  return { ...state, partitions: replaceAt(state.partitions, partition, next) };
}

export function isUp(state: State, broker: number): boolean {
  return state.brokers[broker]?.up === true;
}
