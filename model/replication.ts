/**
 * Replication inside one partition: followers fetch from the leader, the leader advances the
 * high watermark over the ISR, and drops a lagging follower from the ISR.
 */
import type { Action } from './action.ts';
import { liveLeader, partitionAt, replicaIndex, replicaOf, withPartition, withReplica } from './cluster.ts';
import { effectiveMinInsyncReplicas, type ModelConfig } from './config.ts';
import { replaceAt } from './immutable.ts';
import { appendBatches, batchEndOffset, batchesFrom, epochStartOffset, truncateTo } from './log.ts';
import { completePurgatory } from './produce.ts';
import type { Partition, State } from './state.ts';

type FetchAction = Extract<Action, { type: 'Fetch' }>;
type ShrinkIsrAction = Extract<Action, { type: 'ShrinkIsr' }>;

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

/**
 * The leader moves its high watermark up to what every ISR member has (never back), then answers
 * the acks=all produce requests that were waiting for it. Since Kafka 3.7 (KIP-966 part 1) the
 * high watermark stays put while the ISR is smaller than min.insync.replicas.
 */
export function advanceHighWatermark(config: ModelConfig, state: State, partition: number): State {
  const p = partitionAt(state, partition);
  const leader = liveLeader(state, p);
  if (leader === null) return state;
  if (p.isr.length < effectiveMinInsyncReplicas(config)) return state;
  const target = Math.min(isrEndOffset(p), leader.logEndOffset);
  if (target <= leader.highWatermark) return completePurgatory(config, state, partition);
  const next = withReplica(p, leader.broker, (r) => ({ ...r, highWatermark: target }));
  return completePurgatory(config, withPartition(state, partition, next), partition);
}

/**
 * A follower's fetch, request and response as one step. The fetch offset tells the leader what
 * the follower has (so the leader learns of records one fetch after it sent them, which is why a
 * follower's high watermark lags the leader's); the leader may add a caught-up follower back to
 * the ISR (KIP-903: only on a fetch from the follower's current incarnation, which every fetch
 * here is), advances its high watermark, and returns everything from the fetch offset with it.
 * A fetch offset past the leader's log end gets OffsetOutOfRange and the follower truncates to it.
 * Returns null when the fetch would change nothing.
 */
export function fetchEffect(config: ModelConfig, state: State, action: FetchAction): State | null {
  const p = partitionAt(state, action.partition);
  const leader = liveLeader(state, p);
  const index = replicaIndex(p, action.broker);
  if (leader === null || index < 0 || leader.broker === action.broker) return null;
  if (!state.brokers[action.broker]?.up) return null;
  const follower = p.replicas[index]!;
  if (follower.leaderEpoch !== p.leaderEpoch) return null;

  const fetchOffset = follower.logEndOffset;
  if (fetchOffset > leader.logEndOffset) {
    return withPartition(
      state,
      action.partition,
      withReplica(p, action.broker, (r) => truncateTo(r, leader.logEndOffset)),
    );
  }
  const straddling = leader.log.find((b) => b.baseOffset < fetchOffset && batchEndOffset(b) > fetchOffset);
  if (straddling !== undefined) {
    // Only the pre-KIP-101 truncation can leave a follower ending inside one of the leader's
    // batches; the follower cannot append across it, so it drops back to the batch start.
    return withPartition(
      state,
      action.partition,
      withReplica(p, action.broker, (r) => truncateTo(r, straddling.baseOffset)),
    );
  }

  const rejoins =
    !p.isr.includes(action.broker) &&
    fetchOffset >= leader.highWatermark &&
    fetchOffset >= epochStartOffset(leader, p.leaderEpoch);
  const unchangedView = p.followerEndOffsets[index] === fetchOffset;
  let next: State = withPartition(state, action.partition, {
    ...p,
    followerEndOffsets: replaceAt(p.followerEndOffsets, index, fetchOffset),
    isr: rejoins ? [...p.isr, action.broker].sort((a, b) => a - b) : p.isr,
  });
  next = advanceHighWatermark(config, next, action.partition);

  const afterLeader = partitionAt(next, action.partition);
  const leaderHw = replicaOf(afterLeader, leader.broker).highWatermark;
  const fetched = batchesFrom(leader, fetchOffset);
  const appended = appendBatches(config, follower, fetched);
  const highWatermark = Math.max(follower.highWatermark, Math.min(leaderHw, appended.logEndOffset));
  if (unchangedView && !rejoins && fetched.length === 0 && highWatermark === follower.highWatermark) {
    return null;
  }
  return withPartition(
    next,
    action.partition,
    withReplica(afterLeader, action.broker, () => ({ ...appended, highWatermark })),
  );
}

export function fetch(config: ModelConfig, state: State, action: FetchAction): State {
  return fetchEffect(config, state, action) ?? state;
}

/**
 * The leader drops a follower that has not caught up within replica.lag.time.max.ms from the
 * ISR (AlterPartition). A follower whose fetch offset equals the leader's log end is never
 * lagging, as in Kafka's isCaughtUp.
 */
export function shrinkIsrEnabled(state: State, action: ShrinkIsrAction): boolean {
  const p = partitionAt(state, action.partition);
  const leader = liveLeader(state, p);
  if (leader === null || leader.broker === action.broker || !p.isr.includes(action.broker)) return false;
  return p.followerEndOffsets[replicaIndex(p, action.broker)]! < leader.logEndOffset;
}

export function shrinkIsr(config: ModelConfig, state: State, action: ShrinkIsrAction): State {
  const p = partitionAt(state, action.partition);
  const next = withPartition(state, action.partition, {
    ...p,
    isr: p.isr.filter((b) => b !== action.broker),
  });
  return advanceHighWatermark(
    config,
    { ...next, faultsUsed: { ...next.faultsUsed, isr: next.faultsUsed.isr + 1 } },
    action.partition,
  );
}
