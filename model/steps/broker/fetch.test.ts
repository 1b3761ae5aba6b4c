// A follower's Fetch against a leader whose log its own does not match, on forged states of the
// default cluster (three brokers, one partition, replication factor 3, broker 0 leading in epoch 0).
import { describe, expect, it } from 'vitest';
import { type Action, actionKey } from '../../action.ts';
import { defaultConfig } from '../../config.ts';
import { enabled, step } from '../../machine.ts';
import { initialState, type LogBatch, type Replica, type State } from '../../state.ts';

const config = defaultConfig;

function batch(baseOffset: number, sends: readonly number[]): LogBatch {
  return {
    baseOffset,
    leaderEpoch: 0,
    producerId: -1,
    producerEpoch: -1,
    baseSequence: -1,
    records: sends.map((send) => ({ producer: 0, send })),
    transactional: false,
    control: null,
  };
}

function replica(broker: number, log: readonly LogBatch[], logEndOffset: number): Replica {
  return { broker, log, logEndOffset, highWatermark: 1, flushedOffset: logEndOffset, leaderEpoch: 0 };
}

/** Broker 0 leads with `leaderLog`; broker 1 follows with `followerLog`; the leader already knows broker 1's end. */
function forged(
  leaderLog: readonly LogBatch[],
  leaderEnd: number,
  followerLog: readonly LogBatch[],
  followerEnd: number,
): State {
  const start = initialState(config);
  const p = start.partitions[0]!;
  return {
    ...start,
    partitions: [
      {
        ...p,
        leader: 0,
        leaderEpoch: 0,
        isr: [0, 1, 2],
        replicas: [
          replica(0, leaderLog, leaderEnd),
          replica(1, followerLog, followerEnd),
          replica(2, leaderLog, leaderEnd),
        ],
        followerEndOffsets: [leaderEnd, followerEnd, leaderEnd],
      },
    ],
  };
}

const fetch1: Action = { type: 'Fetch', partition: 0, broker: 1 };
const follower = (state: State) => state.partitions[0]!.replicas[1]!;

describe('follower Fetch (ReplicaFetcherThread)', () => {
  it('a fetch offset past the leader log end gets OFFSET_OUT_OF_RANGE and the follower truncates to the leader end (AbstractFetcherThread.handleOutOfRangeError)', () => {
    // Expected: broker 1 ends at 2, the leader at 1: the fetch is enabled and cuts broker 1 back to offset 1.
    const state = forged([batch(0, [0])], 1, [batch(0, [0]), batch(1, [1])], 2);
    expect(enabled(config, state).map(actionKey)).toContain(actionKey(fetch1));
    const after = follower(step(config, state, fetch1));
    expect([after.logEndOffset, after.log]).toEqual([1, [batch(0, [0])]]);
  });

  it('a follower whose log ends inside a leader batch drops back to the batch start before appending (AbstractFetcherThread, pre-KIP-101 truncation)', () => {
    // Expected: the leader's batch covers offsets 0-1, broker 1 ends at 1: the fetch is enabled and truncates broker 1 to 0.
    const state = forged([batch(0, [0, 1])], 2, [batch(0, [0])], 1);
    expect(enabled(config, state).map(actionKey)).toContain(actionKey(fetch1));
    const after = follower(step(config, state, fetch1));
    expect([after.logEndOffset, after.log]).toEqual([0, []]);
  });

  it('a follower whose log ends on a batch boundary straddles nothing: the fetch appends from there (ReplicaFetcherThread.processPartitionData)', () => {
    // Expected: broker 1 ends at 1, where the leader's second batch starts: it appends that batch and ends at 2.
    const state = forged([batch(0, [0]), batch(1, [1])], 2, [batch(0, [0])], 1);
    const after = follower(step(config, state, fetch1));
    expect([after.logEndOffset, after.log]).toEqual([2, [batch(0, [0]), batch(1, [1])]]);
  });
});
