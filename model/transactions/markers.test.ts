// The transaction coordinator settling its WriteTxnMarkers requests (Kafka's
// TransactionMarkerChannelManager): a marker whose leader changed before it was replicated is
// written again; the other markers of the transaction stay as they were.
import { describe, expect, it } from 'vitest';
import { initialState, type State } from '../state.ts';
import { configWith, noFaults, oneBrokerTransactionConfig } from '../testing.ts';
import { completeTxnMarkers } from './markers.ts';

const config = configWith({ ...oneBrokerTransactionConfig(noFaults), partitions: 2 });
const initial = initialState(config);

/** A PrepareCommit transaction whose marker on partition 0 was appended at offset 0 in leader epoch 0, and partition 1's not yet. */
const preparing: State = {
  ...initial,
  transactions: [
    {
      ...initial.transactions[0]!,
      producerId: 0,
      state: 'PrepareCommit',
      partitions: 3,
      pendingMarkers: [
        { partition: 0, offset: 0, leaderEpoch: 0 },
        { partition: 1, offset: -1, leaderEpoch: -1 },
      ],
    },
  ],
};

describe('completeTxnMarkers', () => {
  it('a marker whose partition changed leader epoch before it was replicated is to be written again (TransactionMarkerRequestCompletionHandler retries on NOT_LEADER_OR_FOLLOWER)', () => {
    // Expected: partition 0's marker goes back to unwritten (offset and leader epoch -1); partition 1's is untouched.
    const moved: State = {
      ...preparing,
      partitions: preparing.partitions.map((p, i) => (i === 0 ? { ...p, leaderEpoch: 1 } : p)),
    };
    const next = completeTxnMarkers(config, moved, 0);
    expect(next.transactions[0]!.state).toBe('PrepareCommit');
    expect(next.transactions[0]!.pendingMarkers).toEqual([
      { partition: 0, offset: -1, leaderEpoch: -1 },
      { partition: 1, offset: -1, leaderEpoch: -1 },
    ]);
  });

  it('a marker is to be written again when its partition went offline before it was replicated (TransactionMarkerChannelManager)', () => {
    // Expected: with the leader gone in the same leader epoch, partition 0's marker goes back to unwritten.
    const offline: State = {
      ...preparing,
      partitions: preparing.partitions.map((p, i) => (i === 0 ? { ...p, leader: null } : p)),
    };
    expect(completeTxnMarkers(config, offline, 0).transactions[0]!.pendingMarkers[0]).toEqual({
      partition: 0,
      offset: -1,
      leaderEpoch: -1,
    });
  });

  it("a marker is done once the leader's high watermark passes it, and not before (WriteTxnMarkers waits for acks=all)", () => {
    // Expected: at high watermark 0 the marker at offset 0 waits; at 1 it is done and only partition 1's remains.
    const withHighWatermark = (hw: number): State => ({
      ...preparing,
      partitions: preparing.partitions.map((p, i) =>
        i === 0
          ? { ...p, replicas: p.replicas.map((r) => ({ ...r, logEndOffset: 1, highWatermark: hw })) }
          : p,
      ),
    });
    expect(completeTxnMarkers(config, withHighWatermark(0), 0).transactions[0]!.pendingMarkers.length).toBe(
      2,
    );
    expect(completeTxnMarkers(config, withHighWatermark(1), 0).transactions[0]!.pendingMarkers).toEqual([
      { partition: 1, offset: -1, leaderEpoch: -1 },
    ]);
  });

  it("the marker is judged by the high watermark of the partition's current leader, not of another replica (Partition.checkEnoughReplicasReachOffset)", () => {
    // Expected: with broker 1 leading at high watermark 1 and broker 0 behind at 0, partition 0's marker is done.
    const twoBrokers = configWith({ ...config, brokers: 2, replicationFactor: 2 });
    const start = initialState(twoBrokers);
    const p = start.partitions[0]!;
    const state: State = {
      ...start,
      transactions: preparing.transactions,
      partitions: [
        {
          ...p,
          leader: 1,
          replicas: p.replicas.map((r) => ({ ...r, logEndOffset: 1, highWatermark: r.broker === 1 ? 1 : 0 })),
        },
        ...start.partitions.slice(1),
      ],
    };
    expect(p.replicas.map((r) => r.broker)).toEqual([0, 1]);
    expect(completeTxnMarkers(twoBrokers, state, 0).transactions[0]!.pendingMarkers).toEqual([
      { partition: 1, offset: -1, leaderEpoch: -1 },
    ]);
  });
});
