// The leader's high watermark (Kafka's Partition.maybeIncrementLeaderHW) under KIP-966 part 1.
import { describe, expect, it } from 'vitest';
import { initialState, type State } from '../state.ts';
import { configWith, noFaults } from '../testing.ts';
import { leaderHighWatermark } from './high-watermark.ts';

const config = configWith({ brokers: 2, replicationFactor: 2, minInsyncReplicas: 2, faults: noFaults });
const initial = initialState(config);

function withPartition0(fields: Partial<State['partitions'][number]>, highWatermark = 0): State {
  const p = initial.partitions[0]!;
  const replicas = p.replicas.map((r) => ({ ...r, logEndOffset: 2, highWatermark }));
  return { ...initial, partitions: [{ ...p, replicas, followerEndOffsets: [2, 2], ...fields }] };
}

describe('leaderHighWatermark', () => {
  it('the high watermark reaches what every ISR member has (Partition.maybeIncrementLeaderHW)', () => {
    // Expected: both replicas have two records, so the high watermark is 2.
    const state = withPartition0({});
    expect(leaderHighWatermark(config, state, state.partitions[0]!)).toBe(2);
  });

  it('KIP-966: while the ISR is smaller than min.insync.replicas the leader keeps its high watermark where it is', () => {
    // Expected: with the ISR shrunk to the leader alone, the high watermark stays at 1 though the leader has 2.
    const state = withPartition0({ isr: [0] }, 1);
    expect(leaderHighWatermark(config, state, state.partitions[0]!)).toBe(1);
  });

  it('an offline partition has no high watermark to serve', () => {
    // Expected: without a leader there is none (null).
    const state = withPartition0({ isr: [0], leader: null }, 1);
    expect(leaderHighWatermark(config, state, state.partitions[0]!)).toBeNull();
  });
});
