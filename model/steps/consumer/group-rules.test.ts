// The classic group protocol's rules, each named after the Kafka code that keeps it: two consumers
// of a two-partition input topic, auto-commit, and a workload producer.
import { describe, expect, it } from 'vitest';
import { type Action, actionKey } from '../../action.ts';
import type { AssignorName, CommitStrategy, ModelConfig, OffsetReset } from '../../config.ts';
import { enabled, stepModule } from '../../machine.ts';
import type { State } from '../../state.ts';
import { configWith, noFaults, runActions } from '../../testing.ts';

function groupConfig(
  assignor: AssignorName,
  staticMembership = false,
  commit: CommitStrategy = 'auto',
  autoOffsetReset: OffsetReset = 'earliest',
): ModelConfig {
  return configWith({
    brokers: 1,
    replicationFactor: 1,
    partitions: 2,
    records: 2,
    faults: { ...noFaults, crash: 1, consumerCrash: 1, consumerPause: 1, rebalance: 1 },
    pipeline: {
      consumers: 2,
      commit,
      sink: 'external-store',
      assignor,
      staticMembership,
      autoOffsetReset,
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
/** The story line of `action` taken from `before`. */
function told(config: ModelConfig, before: State, action: Action): string {
  const after = runActions(config, [action], before);
  return stepModule(action.type).tell(config, before, action, after).message;
}

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

  it('JoinGroup tells the static rejoin: the coordinator keeps the generation and the assignment (KIP-345, GroupMetadataManager replaceStaticMember)', () => {
    // Expected: the restarted static member's story names generation 2 and its assignment [0].
    const config = groupConfig('range', true);
    const restarted = runActions(config, [
      ...formGroup,
      { type: 'CrashConsumer', consumer: 0 },
      { type: 'RestartConsumer', consumer: 0 },
    ]);
    const after = runActions(config, [join(0)], restarted);
    expect(stepModule('JoinGroup').tell(config, restarted, join(0), after)).toEqual({
      actor: 'consumer 0',
      message:
        'rejoins with its group.instance.id as static member: the coordinator keeps generation 2 and its assignment [0], no rebalance (KIP-345)',
    });
  });

  it('JoinGroup tells an eager revocation and the offsets auto-commit commits in onPartitionsRevoked (ConsumerCoordinator.onJoinPrepare)', () => {
    // Expected: the story names the revoked partition 0 and the committed offsets [1,-1].
    const config = groupConfig('range');
    const left = runActions(config, [{ type: 'CloseConsumer', consumer: 1 }], afterOneRecord(config));
    expect(told(config, left, join(0))).toBe(
      'learns a rebalance is under way (REBALANCE_IN_PROGRESS) and joins again: JoinGroup; onPartitionsRevoked([0]), committing offsets [1,-1]; every member has joined: generation 3, leader 0',
    );
  });

  it('JoinGroup with an on-revoke commit commits the consumed offsets before an eager revocation (ConsumerRebalanceListener.onPartitionsRevoked)', () => {
    // Expected: consumer 0 commits offset 1 of partition 0 as it rejoins.
    const config = groupConfig('range', false, 'on-revoke');
    const left = runActions(config, [{ type: 'CloseConsumer', consumer: 1 }], afterOneRecord(config));
    expect(runActions(config, [join(0)], left).pipeline!.group.committed).toEqual([1, -1]);
  });

  it('JoinGroup after the session expired finds the member gone (UNKNOWN_MEMBER_ID): its partitions are lost, nothing committed (ConsumerCoordinator.onPartitionsLost)', () => {
    // Expected: consumer 0, paused past session.timeout.ms, rejoins owning nothing with the offsets still [-1,-1].
    const config = groupConfig('range');
    const woken = runActions(
      config,
      [
        { type: 'PauseConsumer', consumer: 0 },
        { type: 'ExpireSession', consumer: 0 },
        { type: 'WakeConsumer', consumer: 0 },
      ],
      afterOneRecord(config),
    );
    expect(told(config, woken, join(0))).toBe(
      'learns it is no longer a member (UNKNOWN_MEMBER_ID) and joins again: JoinGroup; onPartitionsLost([0]), nothing committed; the group is PreparingRebalance',
    );
    const rejoined = runActions(config, [join(0)], woken).pipeline!;
    expect([rejoined.instances[0]!.owned, rejoined.instances[0]!.positions]).toEqual([0, [-1, -1]]);
    expect(rejoined.group.committed).toEqual([-1, -1]);
  });

  it('cooperative rebalance: JoinGroup keeps the positions of the partitions the member keeps (KIP-429, ConsumerCoordinator.onJoinPrepare)', () => {
    // Expected: consumer 0 still owns partition 0 at position 1; partition 1 has no position.
    const config = groupConfig('cooperative-sticky');
    const left = runActions(config, [{ type: 'CloseConsumer', consumer: 1 }], afterOneRecord(config));
    expect(runActions(config, [join(0)], left).pipeline!.instances[0]!.positions).toEqual([1, -1]);
  });

  describe('cooperative SyncGroup revokes what moved and joins again (KIP-429, ConsumerCoordinator.onJoinComplete)', () => {
    /** Consumer 0 owns both partitions at position 0; consumer 1 joins and the range split moves partition 1. */
    const beforeSync = (config: ModelConfig) =>
      runActions(config, [
        join(0),
        sync(0),
        { type: 'OffsetFetch', consumer: 0, partition: 0 },
        { type: 'OffsetFetch', consumer: 0, partition: 1 },
        join(1),
        join(0),
      ]);

    it('auto-commit commits the revoked partition only, and the member joins again keeping partition 0', () => {
      // Expected: committed [-1, 0]; consumer 0 unjoined in generation 2, owning partition 0 at position 0.
      const config = groupConfig('cooperative-sticky');
      const before = beforeSync(config);
      const after = runActions(config, [sync(0)], before).pipeline!;
      expect(after.group.committed).toEqual([-1, 0]);
      const i = after.instances[0]!;
      expect([i.phase, i.generation, i.owned, i.positions]).toEqual(['unjoined', 2, 0b01, [0, -1]]);
      expect(told(config, before, sync(0))).toBe(
        'SyncGroup: generation 2, assignment [0]; onPartitionsRevoked([1]), so it joins again; onPartitionsAssigned([]); the group is Stable',
      );
    });

    it('an on-revoke commit commits the revoked partition too', () => {
      // Expected: committed [-1, 0].
      const config = groupConfig('cooperative-sticky', false, 'on-revoke');
      expect(runActions(config, [sync(0)], beforeSync(config)).pipeline!.group.committed).toEqual([-1, 0]);
    });

    it('a commit-after-processing application commits nothing on revocation', () => {
      // Expected: committed stays [-1, -1].
      const config = groupConfig('cooperative-sticky', false, 'after');
      expect(runActions(config, [sync(0)], beforeSync(config)).pipeline!.group.committed).toEqual([-1, -1]);
    });

    it('JoinGroup after the revocation says it joins again after revoking', () => {
      // Expected: consumer 0's next JoinGroup story starts "joins again after revoking".
      const config = groupConfig('cooperative-sticky');
      const revoked = runActions(config, [sync(0)], beforeSync(config));
      expect(told(config, revoked, join(0))).toBe(
        'joins again after revoking: JoinGroup; the group is PreparingRebalance',
      );
    });
  });

  it('SyncGroup is refused to a member whose session expired while it was joining (GroupCoordinator.handleSyncGroup: UNKNOWN_MEMBER_ID)', () => {
    // Expected: after consumer 1 is removed and wakes, SyncGroup for consumer 1 is not enabled in the Stable group.
    const config = groupConfig('range');
    const state = runActions(config, [
      join(0),
      join(1),
      join(0),
      { type: 'PauseConsumer', consumer: 1 },
      { type: 'ExpireSession', consumer: 1 },
      join(0),
      sync(0),
      { type: 'WakeConsumer', consumer: 1 },
    ]);
    expect(state.pipeline!.group.state).toBe('Stable');
    expect(state.pipeline!.instances[1]!.phase).toBe('joining');
    expect(keys(config, state)).not.toContain(actionKey(sync(1)));
  });

  describe('OffsetFetch and auto.offset.reset (ConsumerCoordinator.refreshCommittedOffsetsIfNeeded, SubscriptionState)', () => {
    const fetch0: Action = { type: 'OffsetFetch', consumer: 0, partition: 0 };
    const produce: Action[] = [
      { type: 'InitProducerId', producer: 0 },
      { type: 'Send', producer: 0 },
      { type: 'SendProduce', producer: 0, partition: 0 },
      { type: 'HandleProduce', producer: 0, broker: 0, from: 'connection' },
    ];

    it('auto.offset.reset=latest starts a partition without a stored offset at the high watermark (Fetcher.resetPositionsIfNeeded, ListOffsets LATEST)', () => {
      // Expected: with one record in partition 0, the external-store application starts at offset 1.
      const config = groupConfig('range', false, 'external', 'latest');
      const before = runActions(config, [...produce, ...formGroup]);
      expect(told(config, before, fetch0)).toBe(
        'the external store: partition 0 has no committed offset; auto.offset.reset=latest starts it at offset 1',
      );
      expect(runActions(config, [fetch0], before).pipeline!.instances[0]!.positions).toEqual([1, -1]);
    });

    it('auto.offset.reset=latest needs the partition leader for ListOffsets: no OffsetFetch while it is down (Fetcher.resetPositionsIfNeeded)', () => {
      // Expected: with broker 0 crashed, latest cannot reset partition 0, while earliest can, without the group coordinator for an external store.
      const crash: Action = { type: 'CrashBroker', broker: 0, powerLoss: false };
      const latest = groupConfig('range', false, 'external', 'latest');
      expect(keys(latest, runActions(latest, [...formGroup, crash]))).not.toContain(actionKey(fetch0));
      const earliest = groupConfig('range', false, 'external', 'earliest');
      expect(keys(earliest, runActions(earliest, [...formGroup, crash]))).toContain(actionKey(fetch0));
    });

    it('auto.offset.reset=none: poll() throws NoOffsetForPartitionException and the application dies (SubscriptionState.resetInitializingPositions)', () => {
      // Expected: consumer 0 fails, and the story says why.
      const config = groupConfig('range', false, 'auto', 'none');
      const before = runActions(config, formGroup);
      expect(told(config, before, fetch0)).toBe(
        'OffsetFetch: partition 0 has no committed offset and auto.offset.reset=none: poll() throws NoOffsetForPartitionException and the application dies',
      );
      expect(runActions(config, [fetch0], before).pipeline!.instances[0]!.status).toBe('failed');
    });

    it('a committed offset 0 is a position, not a reason to reset (OffsetFetchResponse: -1 means none)', () => {
      // Expected: consumer 0 resumes partition 0 at the committed 0 though auto.offset.reset=latest would give 1.
      const config = groupConfig('range', false, 'auto', 'latest');
      const before = runActions(config, [
        ...formGroup,
        fetch0,
        ...produce,
        { type: 'CloseConsumer', consumer: 1 },
        join(0),
        sync(0),
      ]);
      expect(before.pipeline!.group.committed).toEqual([0, -1]);
      expect(told(config, before, fetch0)).toBe('OffsetFetch: partition 0 resumes at its committed offset 0');
      expect(runActions(config, [fetch0], before).pipeline!.instances[0]!.positions).toEqual([0, -1]);
    });

    it('only a running, Stable member fetches offsets: not while paused, nor while it is rejoining (ConsumerCoordinator.poll)', () => {
      // Expected: OffsetFetch for consumer 0 is enabled in the Stable group, not once paused, nor while joining with its partitions.
      const config = groupConfig('cooperative-sticky');
      const stable = runActions(config, [join(0), sync(0)]);
      expect(keys(config, stable)).toContain(actionKey(fetch0));
      expect(
        keys(config, runActions(config, [{ type: 'PauseConsumer', consumer: 0 }], stable)),
      ).not.toContain(actionKey(fetch0));
      const joining = runActions(config, [join(1), join(0)], stable);
      expect(joining.pipeline!.instances[0]!.owned).toBe(0b11);
      expect(keys(config, joining)).not.toContain(actionKey(fetch0));
    });
  });

  describe('auto-commit (ConsumerCoordinator.maybeAutoCommitOffsetsAsync)', () => {
    const autoCommit: Action = { type: 'AutoCommit', consumer: 0 };
    /** Consumer 0 alone owns both partitions, positioned at 0 on each. */
    const positioned = (config: ModelConfig) =>
      runActions(config, [
        join(0),
        sync(0),
        { type: 'OffsetFetch', consumer: 0, partition: 0 },
        { type: 'OffsetFetch', consumer: 0, partition: 1 },
      ]);

    it('commits the position of every owned partition in the member generation', () => {
      // Expected: the story lists both partitions at 0, in generation 1.
      const config = groupConfig('range');
      expect(told(config, positioned(config), autoCommit)).toBe(
        'auto-commit (OffsetCommit, generation 1): partition 0 at 0, partition 1 at 0',
      );
    });

    it('fails with UNKNOWN_MEMBER_ID once the session expired, logged as CommitFailedException (ConsumerCoordinator.OffsetCommitResponseHandler)', () => {
      // Expected: a woken consumer whose member was removed tells the failure; nothing is committed.
      const config = groupConfig('range');
      const lost = runActions(
        config,
        [
          { type: 'PauseConsumer', consumer: 0 },
          { type: 'ExpireSession', consumer: 0 },
          { type: 'WakeConsumer', consumer: 0 },
        ],
        positioned(config),
      );
      expect(told(config, lost, autoCommit)).toBe(
        'auto-commit of partition 0 at 0, partition 1 at 0 fails: UnknownMemberId, logged as CommitFailedException; it will join again',
      );
      expect(runActions(config, [autoCommit], lost).pipeline!.group.committed).toEqual([-1, -1]);
    });

    it('runs only inside poll() of a running, Stable member: not while paused, nor while rejoining', () => {
      // Expected: AutoCommit is enabled for the positioned member, not once paused, nor while it rejoins owning both partitions.
      const config = groupConfig('cooperative-sticky');
      const state = positioned(config);
      expect(keys(config, state)).toContain(actionKey(autoCommit));
      const paused = runActions(config, [{ type: 'PauseConsumer', consumer: 0 }], state);
      expect(keys(config, paused)).not.toContain(actionKey(autoCommit));
      const joining = runActions(config, [join(1), join(0)], state);
      expect(joining.pipeline!.instances[0]!.phase).toBe('joining');
      expect(keys(config, joining)).not.toContain(actionKey(autoCommit));
    });
  });

  it('PollTimeout: a static member (group.instance.id) sends no LeaveGroup when max.poll.interval.ms passes; it waits for its session to expire (AbstractCoordinator.maybeLeaveGroup, KIP-345)', () => {
    // Expected: PollTimeout is a step of dynamic members only: one per consumer without static membership, none with it.
    const pollTimeout = stepModule('PollTimeout');
    expect(pollTimeout.candidates(groupConfig('range'))).toEqual([
      { type: 'PollTimeout', consumer: 0 },
      { type: 'PollTimeout', consumer: 1 },
    ]);
    expect(pollTimeout.candidates(groupConfig('range', true))).toEqual([]);
  });

  it('PollTimeout: max.poll.interval.ms passing inside a batch makes the heartbeat thread leave the group (AbstractCoordinator.maybeLeaveGroup)', () => {
    // Expected: consumer 0, paused while processing, leaves: unjoined with generation -1, its slot empty, the group rebalancing.
    const config = groupConfig('range');
    const pollTimeout: Action = { type: 'PollTimeout', consumer: 0 };
    const paused = runActions(config, [
      { type: 'InitProducerId', producer: 0 },
      { type: 'Send', producer: 0 },
      ...formGroup,
      { type: 'OffsetFetch', consumer: 0, partition: 0 },
      { type: 'SendProduce', producer: 0, partition: 0 },
      { type: 'HandleProduce', producer: 0, broker: 0, from: 'connection' },
      { type: 'ConsumerPoll', consumer: 0, partition: 0 },
      { type: 'PauseConsumer', consumer: 0 },
    ]);
    const after = runActions(config, [pollTimeout], paused).pipeline!;
    const i = after.instances[0]!;
    expect([i.phase, i.generation, after.group.members[0]!.instance, after.group.state]).toEqual([
      'unjoined',
      -1,
      -1,
      'PreparingRebalance',
    ]);
    expect(
      stepModule('PollTimeout').tell(config, paused, pollTimeout, runActions(config, [pollTimeout], paused)),
    ).toEqual({
      actor: 'consumer 0',
      message:
        'max.poll.interval.ms passes inside the batch: the heartbeat thread sends LeaveGroup ("consumer poll timeout has expired")',
    });
  });
});
