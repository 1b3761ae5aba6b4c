/**
 * KIP-320 in one partition: an unclean election has truncated the log under a consumer's
 * position. Kafka 3.9's consumer validates the position and moves back to the truncation point;
 * the consumer before KIP-320 fetches from past the log end and resets by auto.offset.reset.
 */
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../config.ts';
import { withInstance } from '../../group/group.ts';
import { epochEndOffset } from '../../log.ts';
import { enabled, step } from '../../machine.ts';
import { initialState, type LogBatch, type Replica, type State } from '../../state.ts';
import { configWith, noFaults } from '../../testing.ts';

function config(validation: 'leader-epoch' | 'none'): ModelConfig {
  return configWith({
    brokers: 2,
    replicationFactor: 2,
    records: 2,
    faults: noFaults,
    variants: { ...configWith({}).variants, consumerPositionValidation: validation },
    pipeline: {
      consumers: 1,
      commit: 'after',
      sink: 'external-store',
      assignor: 'range',
      staticMembership: false,
      autoOffsetReset: 'earliest',
      maxPollRecords: 500,
      inputPartitions: 1,
      workloadProducers: 1,
      sendOffsets: 'group-metadata',
    },
  });
}

function batch(baseOffset: number, leaderEpoch: number, send: number): LogBatch {
  return {
    baseOffset,
    leaderEpoch,
    producerId: -1,
    producerEpoch: -1,
    baseSequence: -1,
    records: [{ producer: 0, send }],
    transactional: false,
    control: null,
  };
}

/**
 * Broker 1 leads in epoch 1 with record 0 only (record 1, at offset 1, was lost with broker 0);
 * the consumer read both under epoch 0 and stands at offset 2.
 */
function truncatedUnderConsumer(c: ModelConfig): State {
  const start = initialState(c);
  const survivor: Replica = {
    broker: 1,
    log: [batch(0, 0, 0)],
    logEndOffset: 1,
    highWatermark: 1,
    flushedOffset: 1,
    leaderEpoch: 1,
  };
  const partition = { ...start.partitions[0]!, leader: 1, leaderEpoch: 1, isr: [1] };
  const state: State = {
    ...start,
    brokers: [{ up: false }, { up: true }],
    partitions: [{ ...partition, replicas: [partition.replicas[0]!, survivor] }],
  };
  const i = state.pipeline!.instances[0]!;
  return withInstance(state, 0, {
    ...i,
    phase: 'stable',
    generation: 1,
    owned: 1,
    positions: [2],
    positionEpochs: [0],
  });
}

function consumerActions(c: ModelConfig, state: State): string[] {
  return enabled(c, state)
    .filter((a) => a.type === 'ConsumerPoll' || a.type === 'ConsumerOffsetsForLeaderEpoch')
    .map((a) => a.type);
}

describe('consumer position validation (KIP-320)', () => {
  it('position: epochEndOffset: where the largest epoch at or below the asked one ends', () => {
    // Expected: epoch 0 ends where epoch 2 begins; epoch 2 at the log end; no epoch below 0.
    const leader: Replica = { ...truncatedUnderConsumer(config('none')).partitions[0]!.replicas[1]! };
    const log = [batch(0, 0, 0), batch(1, 2, 1)];
    expect(epochEndOffset({ ...leader, log, logEndOffset: 2 }, 0)).toBe(1);
    expect(epochEndOffset({ ...leader, log, logEndOffset: 2 }, 1)).toBe(1);
    expect(epochEndOffset({ ...leader, log, logEndOffset: 2 }, 2)).toBe(2);
    expect(epochEndOffset({ ...leader, log: [batch(0, 2, 0)], logEndOffset: 1 }, 1)).toBeNull();
  });

  it('position: Kafka 3.9 validates before it fetches and moves back to the first offset known to diverge', () => {
    // Expected: no poll until OffsetsForLeaderEpoch; epoch 0 ends at 1 on the new leader, so the position is 1.
    const c = config('leader-epoch');
    const state = truncatedUnderConsumer(c);
    expect(consumerActions(c, state)).toEqual(['ConsumerOffsetsForLeaderEpoch']);
    const validated = step(c, state, { type: 'ConsumerOffsetsForLeaderEpoch', consumer: 0, partition: 0 });
    const i = validated.pipeline!.instances[0]!;
    expect([i.positions[0], i.positionEpochs[0]]).toEqual([1, 1]);
    expect(consumerActions(c, validated)).toEqual([]);
  });

  it('position: before KIP-320 the fetch is out of range and auto.offset.reset=earliest rewinds to 0', () => {
    // Expected: the consumer fetches from 2 past the log end (1) and starts again at 0, to read record 0 twice.
    const c = config('none');
    const state = truncatedUnderConsumer(c);
    expect(consumerActions(c, state)).toEqual(['ConsumerPoll']);
    const reset = step(c, state, { type: 'ConsumerPoll', consumer: 0, partition: 0 });
    expect(reset.pipeline!.instances[0]!.positions[0]).toBe(0);
    const again = step(c, reset, { type: 'ConsumerPoll', consumer: 0, partition: 0 });
    expect(again.pipeline!.instances[0]!.batch.map((r) => r.offset)).toEqual([0]);
  });

  it('position: with auto.offset.reset=none a detected truncation ends the application', () => {
    // Expected: LogTruncationException: the instance fails rather than guessing a position.
    const c = {
      ...config('leader-epoch'),
      pipeline: { ...config('leader-epoch').pipeline!, autoOffsetReset: 'none' as const },
    };
    const failed = step(c, truncatedUnderConsumer(c), {
      type: 'ConsumerOffsetsForLeaderEpoch',
      consumer: 0,
      partition: 0,
    });
    expect(failed.pipeline!.instances[0]!.status).toBe('failed');
  });
});
