// The end-to-end judgements of a consume-process-produce application on forged states: a group
// left unsettled once faults stop, and a partition that is offline when the sink is compared with
// the topic.
import { describe, expect, it } from 'vitest';
import {
  type ApplicationInstance,
  type GroupMetadata,
  initialState,
  type LogBatch,
  type ModelConfig,
  type State,
} from '../model/index.ts';
import { configWith, exactlyOnceConfig, noFaults } from '../model/testing.ts';
import { effects, groupSettled, missingEffects } from './end-to-end.ts';

/** An exactly-once application of two instances: input partition 0, output partition 1, one broker. */
const config: ModelConfig = exactlyOnceConfig(2);
const start = initialState(config);

/** Both instances stable members of generation 1, the group in `state`; instance 1 changed. */
function group(
  state: GroupMetadata['state'],
  change: Partial<ApplicationInstance> = {},
  memberOf1 = 0,
): State {
  const p = start.pipeline!;
  const stable = { ...p.instances[0]!, phase: 'stable' as const, generation: 1 };
  const members = p.group.members.map((m, c) => ({ ...m, instance: c === 1 ? memberOf1 : 0 }));
  return {
    ...start,
    pipeline: {
      ...p,
      group: { ...p.group, state, generation: 1, members },
      instances: [stable, { ...stable, ...change }],
    },
  };
}

/** Workload record 0 committed at offset 0 of input partition 0, no output written; broker 0 up or not. */
function inputCommitted(up: boolean): State {
  const batch: LogBatch = {
    baseOffset: 0,
    leaderEpoch: 0,
    producerId: 0,
    producerEpoch: 0,
    baseSequence: 0,
    records: [{ producer: 0, send: 0 }],
    transactional: false,
    control: null,
  };
  const p = start.partitions[0]!;
  const leader = { ...p.replicas[0]!, log: [batch], logEndOffset: 1, highWatermark: 1, flushedOffset: 1 };
  return {
    ...start,
    brokers: [{ up }],
    partitions: [{ ...p, replicas: [leader] }, ...start.partitions.slice(1)],
    sends: [
      [{ record: 0, partition: 0, outcome: { status: 'acknowledged', offset: 0 }, attempt: -1 }],
      [],
      [],
    ],
  };
}

describe('end-to-end', () => {
  it('groupSettled: once faults stop the group is Stable with every instance a running, stable member', () => {
    // Expected: holds for a Stable group of two stable members, and without a pipeline.
    expect(groupSettled(config, group('Stable'))).toEqual({ holds: true });
    const plain = configWith({ faults: noFaults });
    expect(groupSettled(plain, initialState(plain))).toEqual({ holds: true });
  });

  it('groupSettled: an instance whose poll() threw (auto.offset.reset=none) is dead and never comes back', () => {
    // Expected: instance 1, failed, is named with the exceptions that kill it.
    expect(groupSettled(config, group('Stable', { status: 'failed' }))).toEqual({
      holds: false,
      message:
        'application 1 died (its poll() threw with auto.offset.reset=none: NoOffsetForPartitionException, OffsetOutOfRangeException or LogTruncationException) and never came back',
      evidence: { instance: 1 },
    });
  });

  it('groupSettled: a paused, rejoining or removed instance is not a stable member of the group', () => {
    // Expected: instance 1 named with its status and phase in each case.
    const notStable = (status: string, phase: string) => ({
      holds: false,
      message: 'application 1 is not a stable member of the group once faults stopped',
      evidence: { instance: 1, status, phase },
    });
    expect(groupSettled(config, group('Stable', { status: 'paused' }))).toEqual(
      notStable('paused', 'stable'),
    );
    expect(groupSettled(config, group('Stable', { phase: 'joining' }))).toEqual(
      notStable('running', 'joining'),
    );
    expect(groupSettled(config, group('Stable', {}, -1))).toEqual(notStable('running', 'stable'));
  });

  it('groupSettled: a group left mid-rebalance once faults stop is named with its state', () => {
    // Expected: every instance stable, but the group PreparingRebalance.
    expect(groupSettled(config, group('PreparingRebalance'))).toEqual({
      holds: false,
      message: 'the group is left PreparingRebalance once faults stopped',
      evidence: { state: 'PreparingRebalance' },
    });
  });

  it('missingEffects and effects: an offline partition shows no committed records, so nothing is judged missing there', () => {
    // Expected: with broker 0 up, record 0 has no output and is named; with it down, the output topic reads empty and it holds.
    const what = 'output in the output topic (as read_committed reads it)';
    expect(missingEffects(config, inputCommitted(true))).toEqual({
      holds: false,
      message: `input producer 0's record 0 (partition 0) is committed at offset 0, but the application never wrote its ${what} (the group's committed offset of partition 0 is -1)`,
      evidence: { ref: { producer: 0, send: 0 }, partition: 0, offset: 0, committed: -1 },
    });
    const offline = inputCommitted(false);
    expect(effects(config, offline)).toEqual({ refs: [], what });
    expect(missingEffects(config, offline)).toEqual({ holds: true });
  });
});
