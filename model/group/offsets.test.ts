// OffsetCommit validation of a classic group (Kafka's ClassicGroup.validateOffsetCommit) and the
// client's reaction (ConsumerCoordinator's OffsetCommitResponseHandler), for consumer 0 of
// storeConsumerConfig after it joined and synced generation 1.
import { describe, expect, it } from 'vitest';
import type { GroupMetadata, State } from '../state.ts';
import { noFaults, runActions, storeConsumerConfig } from '../testing.ts';
import { afterCommitFailure, commitError, consumedOffsets, exceptionOf } from './offsets.ts';

const config = storeConsumerConfig('after', noFaults, true);
const synced = runActions(config, [
  { type: 'JoinGroup', consumer: 0 },
  { type: 'SyncGroup', consumer: 0 },
]);
const group = synced.pipeline!.group;
const instance = synced.pipeline!.instances[0]!;

function withGroupFields(fields: Partial<GroupMetadata>): State {
  return { ...synced, pipeline: { ...synced.pipeline!, group: { ...group, ...fields } } };
}

function withMemberIncarnation(incarnation: number): State {
  return withGroupFields({
    members: group.members.map((m, i) => (i === 0 ? { ...m, instance: incarnation } : m)),
  });
}

describe('commitError', () => {
  it('the member of the group commits its own generation: no error (ClassicGroup.validateOffsetCommit)', () => {
    // Expected: the synced member is accepted.
    expect(commitError(synced, 0, true)).toBeNull();
  });

  it('a static member whose group.instance.id a newer incarnation took is fenced: FENCED_INSTANCE_ID (ClassicGroup.validateOffsetCommit)', () => {
    // Expected: with static membership, a newer incarnation in the group fences the committer; an older one does not.
    expect(commitError(withMemberIncarnation(instance.instance + 1), 0, true)).toBe('FencedInstanceId');
    expect(commitError(withMemberIncarnation(instance.instance - 1), 0, true)).toBe('UnknownMemberId');
  });

  it('without static membership another incarnation of the member is UNKNOWN_MEMBER_ID (ClassicGroup.validateOffsetCommit)', () => {
    // Expected: dynamic membership never answers FENCED_INSTANCE_ID.
    expect(commitError(withMemberIncarnation(instance.instance + 1), 0, false)).toBe('UnknownMemberId');
  });

  it('an old generation is ILLEGAL_GENERATION; a group between JoinGroup and SyncGroup answers REBALANCE_IN_PROGRESS (ClassicGroup.validateOffsetCommit)', () => {
    // Expected: generation mismatch first, then the rebalance in progress.
    expect(commitError(withGroupFields({ generation: group.generation + 1 }), 0, true)).toBe(
      'IllegalGeneration',
    );
    expect(commitError(withGroupFields({ state: 'CompletingRebalance' }), 0, true)).toBe(
      'RebalanceInProgress',
    );
  });
});

describe('the client side of a refused commit', () => {
  it('each commit error surfaces as its Kafka exception (ConsumerCoordinator.OffsetCommitResponseHandler)', () => {
    // Expected: REBALANCE_IN_PROGRESS and FENCED_INSTANCE_ID have their own exceptions, the rest is CommitFailedException.
    expect(exceptionOf('RebalanceInProgress')).toBe('RebalanceInProgressException');
    expect(exceptionOf('FencedInstanceId')).toBe('FencedInstanceIdException');
    expect(exceptionOf('UnknownMemberId')).toBe('CommitFailedException');
    expect(exceptionOf('IllegalGeneration')).toBe('CommitFailedException');
  });

  it('after CommitFailedException the consumer forgets its generation and rejoins; after REBALANCE_IN_PROGRESS it keeps it (ConsumerCoordinator.resetGenerationOnResponseError)', () => {
    // Expected: ILLEGAL_GENERATION leaves the instance unjoined at generation -1, REBALANCE_IN_PROGRESS leaves it as it was.
    expect(afterCommitFailure(instance, 'RebalanceInProgress')).toBe(instance);
    const failed = afterCommitFailure(instance, 'IllegalGeneration');
    expect([failed.phase, failed.generation]).toEqual(['unjoined', -1]);
  });
});

describe('consumedOffsets', () => {
  it('a commit of the consumed positions carries each owned partition that has a position (ConsumerCoordinator.commitOffsetsSync with subscriptions.allConsumed)', () => {
    // Expected: of owned partitions 0 and 1, only partition 0 at position 4 is committed; partition 1 has no position.
    expect(consumedOffsets({ ...instance, owned: 0b11, positions: [4, -1] }, 2)).toEqual([[0, 4]]);
  });
});
