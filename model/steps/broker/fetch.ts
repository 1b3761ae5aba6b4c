/**
 * A follower's fetch, request and response as one step. The fetch offset tells the leader what
 * the follower has (so the leader learns of records one fetch after it sent them, which is why a
 * follower's high watermark lags the leader's); the leader may add a caught-up follower back to
 * the ISR (KIP-903: only on a fetch from the follower's current incarnation, which every fetch
 * here is), moves its high watermark, and returns everything from the fetch offset with it. A
 * fetch offset past the leader's log end gets OffsetOutOfRange and the follower truncates to it.
 * A fetch that would change nothing is not a step.
 */
import { liveLeader, partitionAt, replicaIndex, withPartition, withReplica } from '../../cluster.ts';
import type { ModelConfig } from '../../config.ts';
import { replaceAt } from '../../immutable.ts';
import { appendBatches, batchEndOffset, batchesFrom, epochStartOffset, truncateTo } from '../../log.ts';
import { advanceHighWatermark, leaderHighWatermark } from '../../replication/high-watermark.ts';
import type { Partition, Replica, State } from '../../state.ts';
import { perReplica, type StepModule } from '../step.ts';
import { replicaOn } from '../words.ts';

export interface FetchAction {
  readonly type: 'Fetch';
  readonly partition: number;
  readonly broker: number;
}

/** Who fetches from whom: null unless the broker is a live follower of a live leader in the current epoch. */
function fetchFrom(
  state: State,
  action: FetchAction,
): {
  readonly p: Partition;
  readonly leader: Replica;
  readonly follower: Replica;
  readonly index: number;
} | null {
  const p = partitionAt(state, action.partition);
  const leader = liveLeader(state, p);
  const index = replicaIndex(p, action.broker);
  if (leader === null || index < 0 || leader.broker === action.broker) return null;
  if (!state.brokers[action.broker]?.up) return null;
  const follower = p.replicas[index]!;
  if (follower.leaderEpoch !== p.leaderEpoch) return null;
  return { p, leader, follower, index };
}

/** The leader's batch the follower's log ends inside, if any (only pre-KIP-101 truncation leaves one). */
function straddlingBatch(leader: Replica, fetchOffset: number) {
  return leader.log.find((b) => b.baseOffset < fetchOffset && batchEndOffset(b) > fetchOffset);
}

/** Whether a caught-up follower outside the ISR rejoins it on this fetch (KIP-903). */
function rejoins(p: Partition, leader: Replica, broker: number, fetchOffset: number): boolean {
  return (
    !p.isr.includes(broker) &&
    fetchOffset >= leader.highWatermark &&
    fetchOffset >= epochStartOffset(leader, p.leaderEpoch)
  );
}

/** The partition as the leader updates it on the fetch: the follower's end offset, and the ISR. */
function leaderView(
  p: Partition,
  leader: Replica,
  broker: number,
  index: number,
  fetchOffset: number,
): Partition {
  return {
    ...p,
    followerEndOffsets: replaceAt(p.followerEndOffsets, index, fetchOffset),
    isr: rejoins(p, leader, broker, fetchOffset) ? [...p.isr, broker].sort((a, b) => a - b) : p.isr,
  };
}

function changesSomething(config: ModelConfig, state: State, action: FetchAction): boolean {
  const from = fetchFrom(state, action);
  if (from === null) return false;
  const { p, leader, follower, index } = from;
  const fetchOffset = follower.logEndOffset;
  if (fetchOffset > leader.logEndOffset || straddlingBatch(leader, fetchOffset) !== undefined) return true;
  if (p.followerEndOffsets[index] !== fetchOffset || rejoins(p, leader, action.broker, fetchOffset))
    return true;
  if (batchesFrom(leader, fetchOffset).length > 0) return true;
  // Nothing new for either side: only the follower's high watermark may still catch up.
  const leaderHw = leaderHighWatermark(config, state, p)!;
  return Math.min(leaderHw, follower.logEndOffset) > follower.highWatermark;
}

export const fetch: StepModule<FetchAction> = {
  type: 'Fetch',
  actor: 'broker',
  fields: { partition: 'partition', broker: 'broker' },
  footprint: {
    reads: [
      'partitions[partition].replicas[*].flushedOffset',
      'partitions[partition].replicas[*].leaderEpoch',
    ],
    writes: [
      'partitions[partition].followerEndOffsets',
      'partitions[partition].isr',
      'partitions[partition].replicas[*].log',
      'partitions[partition].replicas[*].logEndOffset',
    ],
  },
  candidates: (config) => perReplica(config, (partition, broker) => ({ type: 'Fetch', partition, broker })),
  guard: changesSomething,
  effect(config, state, action) {
    const { p, leader, follower, index } = fetchFrom(state, action)!;
    const fetchOffset = follower.logEndOffset;
    if (fetchOffset > leader.logEndOffset) {
      return withPartition(
        state,
        action.partition,
        withReplica(p, action.broker, (r) => truncateTo(r, leader.logEndOffset)),
      );
    }
    const straddling = straddlingBatch(leader, fetchOffset);
    if (straddling !== undefined) {
      // The follower cannot append across a batch it ends inside: it drops back to the batch start.
      return withPartition(
        state,
        action.partition,
        withReplica(p, action.broker, (r) => truncateTo(r, straddling.baseOffset)),
      );
    }
    // The leader handles the fetch: it updates its view of the follower, then its high watermark,
    // which the response carries.
    const viewed = withPartition(
      state,
      action.partition,
      leaderView(p, leader, action.broker, index, fetchOffset),
    );
    const next = advanceHighWatermark(config, viewed, action.partition);
    const afterLeader = partitionAt(next, action.partition);
    const leaderHw = afterLeader.replicas[replicaIndex(afterLeader, leader.broker)]!.highWatermark;
    const appended = appendBatches(config, follower, batchesFrom(leader, fetchOffset));
    const highWatermark = Math.max(follower.highWatermark, Math.min(leaderHw, appended.logEndOffset));
    return withPartition(
      next,
      action.partition,
      withReplica(afterLeader, action.broker, () => ({ ...appended, highWatermark })),
    );
  },
  tell: (_config, before, a) => ({
    actor: `broker ${a.broker}`,
    message: `fetches partition ${a.partition} from leader broker ${before.partitions[a.partition]!.leader} at offset ${replicaOn(before, a.partition, a.broker).logEndOffset}`,
  }),
};
