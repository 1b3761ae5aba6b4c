// The classic group protocol's rules, each named after the Kafka code that keeps it: two consumers
// of a two-partition input topic, auto-commit, and a workload producer.
import { describe, expect, it } from 'vitest';
import { type Action, actionKey } from '../../action.ts';
import type { AssignorName, ModelConfig } from '../../config.ts';
import { enabled } from '../../machine.ts';
import type { State } from '../../state.ts';
import { configWith, noFaults, runActions } from '../../testing.ts';

function groupConfig(assignor: AssignorName, staticMembership = false): ModelConfig {
  return configWith({
    brokers: 1,
    replicationFactor: 1,
    records: 2,
    faults: { ...noFaults, consumerCrash: 1, rebalance: 1 },
    pipeline: {
      consumers: 2,
      commit: 'auto',
      sink: 'external-store',
      assignor,
      staticMembership,
      autoOffsetReset: 'earliest',
      maxPollRecords: 500,
      inputPartitions: 2,
      workloadProducers: 1,
      sendOffsets: 'group-metadata',
    },
  });
}

const join = (consumer: number): Action => ({ type: 'JoinGroup', consumer });
const sync = (consumer: number): Action => ({ type: 'SyncGroup', consumer });
/** Both consumers join (consumer 0 twice: its first join completed a group of one) and sync. */
const formGroup: Action[] = [join(0), join(1), join(0), sync(0), sync(1)];
const keys = (config: ModelConfig, state: State) => enabled(config, state).map(actionKey);

/** The stable group, consumer 0 having read and processed the record at offset 0 of partition 0. */
function afterOneRecord(config: ModelConfig): State {
  return runActions(config, [
    { type: 'InitProducerId', producer: 0 },
    { type: 'Send', producer: 0 },
    ...formGroup,
    { type: 'OffsetFetch', consumer: 0, partition: 0 },
    { type: 'SendProduce', producer: 0, partition: 0 },
    { type: 'HandleProduce', producer: 0, broker: 0, from: 'connection' },
    { type: 'ConsumerPoll', consumer: 0, partition: 0 },
    { type: 'ProcessRecord', consumer: 0 },
  ]);
}

describe('classic group protocol rules', () => {
  it('JoinGroup: a rebalance completes only once every member has joined; the next generation, the first member leads, range gives each one partition (GroupCoordinator.maybeCompleteJoin, RangeAssignor)', () => {
    // Expected: consumer 1's join sends the group of one back to PreparingRebalance; consumer 0 must join again.
    const config = groupConfig('range');
    const waiting = runActions(config, [join(0), join(1)]);
    const group = waiting.pipeline!.group;
    expect([group.state, group.generation]).toEqual(['PreparingRebalance', 1]);
    expect(keys(config, waiting)).toContain(actionKey(join(0)));
    expect(keys(config, waiting)).not.toContain(actionKey(sync(0)));
    const complete = runActions(config, [join(0)], waiting).pipeline!.group;
    expect([complete.state, complete.generation, complete.leader]).toEqual(['CompletingRebalance', 2, 0]);
    expect(complete.members.map((m) => m.assignment)).toEqual([0b01, 0b10]);
  });

  it('SyncGroup: a follower waits for the leader, whose SyncGroup makes the group Stable (ClassicGroup, doSyncGroup)', () => {
    // Expected: only the leader may sync first; then each member owns its assignment in generation 2.
    const config = groupConfig('range');
    const joined = runActions(config, [join(0), join(1), join(0)]);
    expect(keys(config, joined)).toContain(actionKey(sync(0)));
    expect(keys(config, joined)).not.toContain(actionKey(sync(1)));
    const stable = runActions(config, [sync(0), sync(1)], joined);
    expect(stable.pipeline!.group.state).toBe('Stable');
    expect(stable.pipeline!.instances.map((i) => [i.phase, i.generation, i.owned])).toEqual([
      ['stable', 2, 0b01],
      ['stable', 2, 0b10],
    ]);
  });

  it('OffsetFetch: with no committed offset, auto.offset.reset=earliest starts at the log start (SubscriptionState.resetInitializingPositions)', () => {
    // Expected: consumer 0's position on partition 0 becomes 0; partition 1, not fetched yet, has none.
    const config = groupConfig('range');
    const fetched = runActions(config, [...formGroup, { type: 'OffsetFetch', consumer: 0, partition: 0 }]);
    expect(fetched.pipeline!.instances[0]!.positions).toEqual([0, -1]);
  });

  it('eager rebalance: JoinGroup revokes every partition and auto-commit commits what was consumed first (ConsumerCoordinator.onJoinPrepare)', () => {
    // Expected: after consumer 1 leaves, consumer 0 rejoins owning nothing, and offset 1 of partition 0 is committed.
    const config = groupConfig('range');
    const left = runActions(config, [{ type: 'CloseConsumer', consumer: 1 }], afterOneRecord(config));
    expect(left.pipeline!.group.state).toBe('PreparingRebalance');
    const rejoined = runActions(config, [join(0)], left);
    expect(rejoined.pipeline!.instances[0]!.owned).toBe(0);
    expect(rejoined.pipeline!.group.committed).toEqual([1, -1]);
    expect(rejoined.pipeline!.group.members[0]!.assignment).toBe(0b11);
  });

  it('cooperative rebalance: JoinGroup keeps the partitions the member owns (CooperativeStickyAssignor, KIP-429)', () => {
    // Expected: consumer 0 rejoins still owning partition 0, and is then assigned both.
    const config = groupConfig('cooperative-sticky');
    const left = runActions(config, [{ type: 'CloseConsumer', consumer: 1 }], afterOneRecord(config));
    const rejoined = runActions(config, [join(0)], left);
    expect(rejoined.pipeline!.instances[0]!.owned).toBe(0b01);
    expect(rejoined.pipeline!.group.members[0]!.assignment).toBe(0b11);
  });

  it('static membership: a restarted member with group.instance.id rejoins a Stable group with its generation and assignment, no rebalance (KIP-345)', () => {
    // Expected: the new incarnation takes the old one's place; a dynamic member must wait for its session to expire.
    const restart: Action[] = [
      ...formGroup,
      { type: 'CrashConsumer', consumer: 0 },
      { type: 'RestartConsumer', consumer: 0 },
    ];
    const dynamic = groupConfig('range');
    expect(keys(dynamic, runActions(dynamic, restart))).not.toContain(actionKey(join(0)));
    const config = groupConfig('range', true);
    const back = runActions(config, [...restart, join(0)]);
    const group = back.pipeline!.group;
    expect([group.state, group.generation, group.members[0]!.assignment]).toEqual(['Stable', 2, 0b01]);
    expect(group.members[0]!.instance).toBe(1);
    const i = back.pipeline!.instances[0]!;
    expect([i.phase, i.generation, i.owned]).toEqual(['stable', 2, 0b01]);
  });
});
