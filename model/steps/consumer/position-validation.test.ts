/**
 * KIP-320 in one partition: an unclean election has truncated the log under a consumer's
 * position. Kafka 3.9's consumer validates the position and moves back to the truncation point;
 * the consumer before KIP-320 fetches from past the log end and resets by auto.offset.reset.
 */
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../config.ts';
import { withInstance } from '../../group/group.ts';
import { batchEndOffset, epochEndOffset } from '../../log.ts';
import { enabled, step, stepModule } from '../../machine.ts';
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
function truncatedUnderConsumer(c: ModelConfig, position = 2, survivorLog = [batch(0, 0, 0)]): State {
  const start = initialState(c);
  const survivor: Replica = {
    broker: 1,
    log: survivorLog,
    logEndOffset: batchEndOffset(survivorLog[survivorLog.length - 1]!),
    highWatermark: batchEndOffset(survivorLog[survivorLog.length - 1]!),
    flushedOffset: batchEndOffset(survivorLog[survivorLog.length - 1]!),
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
    positions: [position],
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

  describe('ConsumerOffsetsForLeaderEpoch: what the answer does to the position (KIP-320, SubscriptionState.maybeCompleteValidation)', () => {
    const validate = { type: 'ConsumerOffsetsForLeaderEpoch', consumer: 0, partition: 0 } as const;
    const withReset = (reset: 'earliest' | 'latest' | 'none'): ModelConfig => {
      const c = config('leader-epoch');
      return { ...c, pipeline: { ...c.pipeline!, autoOffsetReset: reset } };
    };
    /** The story the validation tells, and the instance's status, position and epoch after it. */
    function validated(c: ModelConfig, state: State) {
      const after = step(c, state, validate);
      const i = after.pipeline!.instances[0]!;
      const told = stepModule(validate.type).tell(c, state, validate, after);
      return { told, outcome: [i.status, i.positions[0], i.positionEpochs[0]] };
    }
    const asked = (position: number) =>
      `asks the leader of partition 0 where leader epoch 0 ends (OffsetsForLeaderEpoch, position ${position})`;

    it('an epoch that ends below the position is a truncation: seek back to the end (ConsumerUtils "the first offset known to diverge")', () => {
      // Expected: position 2 under epoch 0, which ends at 1: the position moves to 1 under epoch 1.
      const c = withReset('latest');
      expect(validated(c, truncatedUnderConsumer(c))).toEqual({
        told: {
          actor: 'consumer 0',
          message: `${asked(2)}; it ends at 1: truncation detected, the position moves back to the first offset known to diverge, 1`,
        },
        outcome: ['running', 1, 1],
      });
    });

    it('an epoch that ends after the position leaves it valid: only its epoch is updated', () => {
      // Expected: position 0 under epoch 0, which ends at 1: the position stays 0 (not the epoch end), now under epoch 1.
      const c = withReset('latest');
      expect(validated(c, truncatedUnderConsumer(c, 0))).toEqual({
        told: { actor: 'consumer 0', message: `${asked(0)}; it ends at 1: the position is valid` },
        outcome: ['running', 0, 1],
      });
    });

    it('an epoch that ends exactly at the position leaves it valid', () => {
      // Expected: position 1 under epoch 0, which ends at 1: no truncation.
      const c = withReset('latest');
      expect(validated(c, truncatedUnderConsumer(c, 1)).told.message).toBe(
        `${asked(1)}; it ends at 1: the position is valid`,
      );
    });

    it('a leader with no such epoch makes the consumer reset by auto.offset.reset (OffsetsForLeaderEpoch UNDEFINED_EPOCH_OFFSET)', () => {
      // Expected: the leader's log starts in epoch 1; latest resets position 0 to the high watermark 1.
      const c = withReset('latest');
      expect(validated(c, truncatedUnderConsumer(c, 0, [batch(0, 1, 0)]))).toEqual({
        told: {
          actor: 'consumer 0',
          message: `${asked(0)}; it has no such epoch: truncation detected, auto.offset.reset moves the position to 1`,
        },
        outcome: ['running', 1, 1],
      });
    });

    it('with auto.offset.reset=none a missing epoch also throws LogTruncationException (Fetcher validation)', () => {
      // Expected: the instance fails; the story says the leader has no such epoch.
      const c = withReset('none');
      expect(validated(c, truncatedUnderConsumer(c, 0, [batch(0, 1, 0)]))).toEqual({
        told: {
          actor: 'consumer 0',
          message: `${asked(0)}; it has no such epoch: truncation detected, and auto.offset.reset=none: poll() throws LogTruncationException and the application dies`,
        },
        outcome: ['failed', 0, 0],
      });
    });

    it('with auto.offset.reset=none a truncation below the position throws LogTruncationException', () => {
      // Expected: the story names the epoch end 1.
      const c = withReset('none');
      expect(validated(c, truncatedUnderConsumer(c)).told.message).toBe(
        `${asked(2)}; it ends at 1: truncation detected, and auto.offset.reset=none: poll() throws LogTruncationException and the application dies`,
      );
    });

    it('only a running, Stable member in poll() validates, and only with a live leader (ConsumerCoordinator.poll, Metadata)', () => {
      // Expected: enabled in the forged state; not when paused, rejoining, mid-batch, or with the leader down.
      const c = config('leader-epoch');
      const state = truncatedUnderConsumer(c);
      const i = state.pipeline!.instances[0]!;
      const can = (s: State) => enabled(c, s).some((a) => a.type === validate.type);
      expect(can(state)).toBe(true);
      expect(can(withInstance(state, 0, { ...i, status: 'paused' }))).toBe(false);
      expect(can(withInstance(state, 0, { ...i, phase: 'joining' }))).toBe(false);
      expect(can(withInstance(state, 0, { ...i, stage: 'process' }))).toBe(false);
      expect(can({ ...state, brokers: [{ up: false }, { up: false }] })).toBe(false);
    });
  });

  describe('ConsumerPoll from the forged leader, without KIP-320 validation (Fetcher.collectFetch)', () => {
    const poll = { type: 'ConsumerPoll', consumer: 0, partition: 0 } as const;
    const pollConfig = (
      overrides: Partial<ModelConfig['pipeline'] & object>,
      isolationLevel = config('none').isolationLevel,
    ) => {
      const c = config('none');
      return { ...c, isolationLevel, pipeline: { ...c.pipeline!, ...overrides } };
    };
    /** The instance's status, stage, position and batch offsets after the poll. */
    function outcome(c: ModelConfig, state: State) {
      const i = step(c, state, poll).pipeline!.instances[0]!;
      return [i.status, i.stage, i.positions[0], i.batch.map((r) => r.offset)];
    }
    const told = (c: ModelConfig, state: State) =>
      stepModule(poll.type).tell(c, state, poll, step(c, state, poll)).message;
    /** Record 0 in a transaction producer 7 aborted: its ABORT marker at offset 1. */
    const aborted: LogBatch[] = [
      { ...batch(0, 0, 0), producerId: 7, producerEpoch: 0, transactional: true },
      { ...batch(1, 0, 0), producerId: 7, producerEpoch: 0, records: [], control: 'ABORT' },
    ];

    it('OFFSET_OUT_OF_RANGE with auto.offset.reset=none: poll() throws OffsetOutOfRangeException and the application dies', () => {
      // Expected: position 2 past the log end 1: the instance fails, and the story says so.
      const c = pollConfig({ autoOffsetReset: 'none' });
      expect(told(c, truncatedUnderConsumer(c))).toBe(
        "poll() fetches partition 0 from offset 2: OFFSET_OUT_OF_RANGE (broker 1's log ends at 1); auto.offset.reset=none: poll() throws OffsetOutOfRangeException and the application dies",
      );
      expect(outcome(c, truncatedUnderConsumer(c))).toEqual(['failed', 'poll', 2, []]);
    });

    it('max.poll.records caps what one poll() returns, and the position stops after it (FetchCollector)', () => {
      // Expected: two records from offset 0 with max.poll.records=1: the batch is offset 0, the position 1.
      const c = pollConfig({ maxPollRecords: 1 });
      expect(outcome(c, truncatedUnderConsumer(c, 0, [batch(0, 0, 0), batch(1, 0, 1)]))).toEqual([
        'running',
        'process',
        1,
        [0],
      ]);
    });

    it('read_committed skips an aborted transaction: poll() returns no records but moves past the marker (KIP-98 aborted transaction index)', () => {
      // Expected: no records, the consumer stays in poll() at position 2.
      const c = pollConfig({}, 'read_committed');
      expect(told(c, truncatedUnderConsumer(c, 0, aborted))).toBe(
        'poll() fetches partition 0 from offset 0 (read_committed): no records; position 2',
      );
      expect(outcome(c, truncatedUnderConsumer(c, 0, aborted))).toEqual(['running', 'poll', 2, []]);
    });

    it('read_uncommitted returns the aborted record (KIP-98 isolation.level)', () => {
      // Expected: the record at offset 0 is returned and the application goes on to process it.
      const c = pollConfig({}, 'read_uncommitted');
      expect(outcome(c, truncatedUnderConsumer(c, 0, aborted))).toEqual(['running', 'process', 2, [0]]);
    });

    it('only a Stable member polls, from a live leader: not while it is rejoining, nor with the partition offline (ConsumerCoordinator.poll, Fetcher)', () => {
      // Expected: ConsumerPoll is enabled in the forged state, not once the instance is joining, nor with both brokers down.
      const c = config('none');
      const state = truncatedUnderConsumer(c, 0);
      const can = (s: State) => enabled(c, s).some((a) => a.type === poll.type);
      expect(can(state)).toBe(true);
      expect(can(withInstance(state, 0, { ...state.pipeline!.instances[0]!, phase: 'joining' }))).toBe(false);
      expect(can({ ...state, brokers: [{ up: false }, { up: false }] })).toBe(false);
    });
  });
});
