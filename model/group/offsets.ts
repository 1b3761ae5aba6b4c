/**
 * OffsetCommit as the group coordinator validates it for a classic group (ClassicGroup's
 * validateOffsetCommit): an unknown member or a replaced static member is refused, so is an old
 * generation, and a group between JoinGroup and SyncGroup answers REBALANCE_IN_PROGRESS. The
 * client turns UNKNOWN_MEMBER_ID and ILLEGAL_GENERATION into CommitFailedException and forgets its
 * generation, so it joins again and loses its partitions.
 */
import type { ApplicationInstance, State } from '../state.ts';
import { groupOf, instanceAt, partitionsIn, withGroup, withInstance } from './group.ts';

/** Kafka's errors for a commit, by Kafka's names. */
export type CommitError =
  | 'UnknownMemberId'
  | 'FencedInstanceId'
  | 'IllegalGeneration'
  | 'RebalanceInProgress';

export function commitError(state: State, consumer: number, staticMembership: boolean): CommitError | null {
  const group = groupOf(state);
  const instance = instanceAt(state, consumer);
  const member = group.members[consumer]!;
  if (member.instance !== instance.instance) {
    return staticMembership && member.instance > instance.instance ? 'FencedInstanceId' : 'UnknownMemberId';
  }
  if (instance.generation !== group.generation) return 'IllegalGeneration';
  if (group.state === 'CompletingRebalance') return 'RebalanceInProgress';
  return null;
}

/** What the application is told: Kafka's exception for the error. */
export function exceptionOf(error: CommitError): string {
  switch (error) {
    case 'RebalanceInProgress':
      return 'RebalanceInProgressException';
    case 'FencedInstanceId':
      return 'FencedInstanceIdException';
    default:
      return 'CommitFailedException';
  }
}

/** The offsets a commit of the consumed positions carries: each owned partition with a position. */
export function consumedOffsets(
  instance: ApplicationInstance,
  partitions: number,
): readonly [number, number][] {
  return partitionsIn(instance.owned, partitions)
    .filter((p) => instance.positions[p]! >= 0)
    .map((p) => [p, instance.positions[p]!] as [number, number]);
}

/** The coordinator stores the offsets in `__consumer_offsets`. */
export function storeOffsets(state: State, offsets: readonly (readonly [number, number])[]): State {
  const group = groupOf(state);
  const committed = group.committed.slice();
  for (const [p, offset] of offsets) committed[p] = offset;
  return withGroup(state, { ...group, committed });
}

/** The instance after CommitFailedException: it forgets its generation and will join again. */
export function afterCommitFailure(instance: ApplicationInstance, error: CommitError): ApplicationInstance {
  if (error === 'RebalanceInProgress') return instance;
  return { ...instance, phase: 'unjoined', generation: -1 };
}

/**
 * The instance commits its consumed positions of `partitions` (its owned ones by default): stored
 * when the coordinator accepts, else the error and the instance's reaction to it.
 */
export function commitConsumed(
  state: State,
  consumer: number,
  partitionCount: number,
  staticMembership: boolean,
  partitions?: number,
): { readonly state: State; readonly error: CommitError | null } {
  const error = commitError(state, consumer, staticMembership);
  const instance = instanceAt(state, consumer);
  if (error !== null)
    return { state: withInstance(state, consumer, afterCommitFailure(instance, error)), error };
  const chosen = { ...instance, owned: partitions ?? instance.owned };
  return { state: storeOffsets(state, consumedOffsets(chosen, partitionCount)), error: null };
}
