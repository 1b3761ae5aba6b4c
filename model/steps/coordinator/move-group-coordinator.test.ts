// Leadership of the group's __consumer_offsets partition moves to the next live broker
// (GroupCoordinator.onElection): three brokers, the group coordinator starting on broker 2.
import { describe, expect, it } from 'vitest';
import { actionKey } from '../../action.ts';
import type { ModelConfig } from '../../config.ts';
import { enabled, step } from '../../machine.ts';
import { initialState, type State } from '../../state.ts';
import { configWith, noFaults, runActions } from '../../testing.ts';
import { type MoveGroupCoordinatorAction, moveGroupCoordinator } from './move-group-coordinator.ts';

function groupConfig(brokers: number): ModelConfig {
  return configWith({
    brokers,
    replicationFactor: 1,
    partitions: 2,
    records: 1,
    faults: { ...noFaults, crash: 1, groupCoordinatorMove: 1 },
    pipeline: {
      consumers: 1,
      commit: 'auto',
      sink: 'external-store',
      assignor: 'range',
      staticMembership: false,
      autoOffsetReset: 'earliest',
      maxPollRecords: 500,
      inputPartitions: 2,
      workloadProducers: 1,
      sendOffsets: 'group-metadata',
    },
  });
}
const move: MoveGroupCoordinatorAction = { type: 'MoveGroupCoordinator' };

function moveAndTell(config: ModelConfig, before: State) {
  expect(enabled(config, before).map(actionKey)).toContain(actionKey(move));
  const after = step(config, before, move);
  return { after, message: moveGroupCoordinator.tell(config, before, move, after).message };
}

describe('MoveGroupCoordinator', () => {
  it('the group coordinator moves to the next broker round robin, which loads the group from __consumer_offsets (GroupCoordinator.onElection)', () => {
    // Expected: from broker 2 to broker 0, coordinator epoch 1; the story names both brokers and the loaded offsets.
    const config = groupConfig(3);
    const before = initialState(config);
    expect(before.pipeline!.group.coordinator).toBe(2);
    const { after, message } = moveAndTell(config, before);
    expect([after.pipeline!.group.coordinator, after.pipeline!.group.coordinatorEpoch]).toEqual([0, 1]);
    expect(message).toBe(
      'takes over the group from broker 2: loads generation 0 and committed offsets [-1,-1] from __consumer_offsets',
    );
  });

  it('the group coordinator skips a broker that is down: only a live broker can lead __consumer_offsets (GroupCoordinator.onElection)', () => {
    // Expected: broker 0 down, the group moves from broker 2 to broker 1.
    const config = groupConfig(3);
    const down = runActions(config, [{ type: 'CrashBroker', broker: 0, powerLoss: false }]);
    const { after } = moveAndTell(config, down);
    expect(after.pipeline!.group.coordinator).toBe(1);
  });

  it('on a one-broker cluster the group coordinator has nowhere to move', () => {
    // Expected: MoveGroupCoordinator is never enabled, budget notwithstanding.
    const config = groupConfig(1);
    expect(enabled(config, initialState(config)).map(actionKey)).not.toContain(actionKey(move));
  });
});
