/**
 * The leader's high watermark: the offset every ISR member has reached, as the leader knows it.
 * Since Kafka 3.7 (KIP-966 part 1) it stays put while the ISR is smaller than
 * min.insync.replicas, and it never moves back.
 */
import { liveLeader, partitionAt, replicaIndex, withPartition, withReplica } from '../cluster.ts';
import { effectiveMinInsyncReplicas, type ModelConfig } from '../config.ts';
import type { Partition, Replica, State } from '../state.ts';

/** The offset every ISR member has reached, as the leader knows it. */
function isrEndOffset(partition: Partition): number {
  let offset = Number.POSITIVE_INFINITY;
  for (const broker of partition.isr) {
    const i = replicaIndex(partition, broker);
    const end =
      broker === partition.leader ? partition.replicas[i]!.logEndOffset : partition.followerEndOffsets[i]!;
    offset = Math.min(offset, end);
  }
  return offset;
}

/** Whether the leader may move its high watermark at all: it is up and the ISR is large enough. */
export function highWatermarkMayMove(config: ModelConfig, state: State, p: Partition): Replica | null {
  const leader = liveLeader(state, p);
  if (leader === null || p.isr.length < effectiveMinInsyncReplicas(config)) return null;
  return leader;
}

/** The leader's high watermark once it has caught up with what the ISR has (never lower than now). */
export function leaderHighWatermark(config: ModelConfig, state: State, p: Partition): number | null {
  const leader = highWatermarkMayMove(config, state, p);
  if (leader === null) return liveLeader(state, p)?.highWatermark ?? null;
  return Math.max(leader.highWatermark, Math.min(isrEndOffset(p), leader.logEndOffset));
}

/** The leader moves its high watermark up to what every ISR member has. */
export function advanceHighWatermark(config: ModelConfig, state: State, partition: number): State {
  const p = partitionAt(state, partition);
  const leader = highWatermarkMayMove(config, state, p);
  if (leader === null) return state;
  const target = Math.min(isrEndOffset(p), leader.logEndOffset);
  if (target <= leader.highWatermark) return state;
  return withPartition(
    state,
    partition,
    withReplica(p, leader.broker, (r) => ({ ...r, highWatermark: target })),
  );
}
