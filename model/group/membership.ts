/**
 * The classic group coordinator's membership rules (Kafka's GroupCoordinator and ClassicGroup):
 * a join or a departure starts a rebalance (PreparingRebalance); once every member has sent
 * JoinGroup the join completes with the next generation and the leader's assignment
 * (CompletingRebalance); the leader's SyncGroup makes the group Stable. With a cooperative
 * assignor a partition another member still owns is withheld until that member has revoked it and
 * joined again (KIP-429).
 */
import { inputPartitionCount, isCooperative, type ModelConfig } from '../config.ts';
import { freshInstance, type GroupMember, type GroupMetadata, type State } from '../state.ts';
import { assign } from './assignors.ts';
import {
  groupOf,
  instanceAt,
  isMember,
  memberSlots,
  pipelineConfig,
  withGroup,
  withInstance,
} from './group.ts';

export const noMember: GroupMember = { instance: -1, joined: false, owned: 0, assignment: 0 };

function withMember(group: GroupMetadata, consumer: number, member: GroupMember): GroupMetadata {
  return { ...group, members: group.members.map((m, c) => (c === consumer ? member : m)) };
}

/** Every member has joined the rebalance under way: the join completes (or the group empties). */
export function maybeCompleteJoin(config: ModelConfig, group: GroupMetadata): GroupMetadata {
  if (group.state !== 'PreparingRebalance') return group;
  const members = memberSlots(group);
  if (members.some((c) => !group.members[c]!.joined)) return group;
  const generation = group.generation + 1;
  if (members.length === 0) return { ...group, state: 'Empty', generation, leader: -1 };
  const pipeline = pipelineConfig(config);
  const target = assign(pipeline.assignor, {
    members,
    partitions: inputPartitionCount(config),
    previous: group.members.map((m) => m.assignment),
  });
  // Cooperative: a partition another member still owns is not handed out in this generation.
  const claimedBy = (p: number, except: number): boolean =>
    members.some((c) => c !== except && (group.members[c]!.owned & (1 << p)) !== 0);
  return {
    ...group,
    state: 'CompletingRebalance',
    generation,
    leader: members[0]!,
    members: group.members.map((m, c) => {
      if (m.instance < 0) return m;
      let assignment = target.get(c) ?? 0;
      if (isCooperative(pipeline)) {
        for (let p = 0; p < inputPartitionCount(config); p++) {
          if ((assignment & (1 << p)) !== 0 && claimedBy(p, c)) assignment &= ~(1 << p);
        }
      }
      return { ...m, joined: false, assignment };
    }),
  };
}

/** A rebalance starts: every member must send JoinGroup again. */
function prepareRebalance(group: GroupMetadata): GroupMetadata {
  if (group.state === 'PreparingRebalance') return group;
  return {
    ...group,
    state: 'PreparingRebalance',
    members: group.members.map((m) => ({ ...m, joined: false })),
  };
}

/** A JoinGroup from the instance in slot `consumer`, owning `owned` (cooperative) when it joins. */
export function join(
  config: ModelConfig,
  state: State,
  consumer: number,
  incarnation: number,
  owned: number,
): State {
  const group = prepareRebalance(groupOf(state));
  const previous = group.members[consumer]!;
  const joined = withMember(group, consumer, {
    instance: incarnation,
    joined: true,
    owned,
    assignment: previous.assignment,
  });
  return withGroup(state, maybeCompleteJoin(config, joined));
}

/** The coordinator removes a member (session expiry, LeaveGroup): the others rebalance. */
export function removeMember(config: ModelConfig, state: State, consumer: number): State {
  const group = groupOf(state);
  const left = withMember(prepareRebalance(group), consumer, noMember);
  return withGroup(state, maybeCompleteJoin(config, left));
}

/**
 * A static member's new incarnation replaces the old one in a Stable group: same generation, same
 * assignment, no rebalance (KIP-345).
 */
export function replaceStaticMember(state: State, consumer: number, incarnation: number): State {
  const group = groupOf(state);
  const member = group.members[consumer]!;
  return withGroup(state, withMember(group, consumer, { ...member, instance: incarnation }));
}

/**
 * The application closes an instance whose producer was fenced: its consumer sends LeaveGroup
 * (a static member keeps its place until its session expires) and the instance is stopped, to be
 * started again.
 */
export function closeFencedInstance(config: ModelConfig, state: State, consumer: number): State {
  const i = instanceAt(state, consumer);
  if (i.status === 'crashed' || i.status === 'stopped') return state;
  const left =
    isMember(state, consumer) && !pipelineConfig(config).staticMembership
      ? removeMember(config, state, consumer)
      : state;
  return withInstance(left, consumer, { ...freshInstance(config, i.instance), status: 'stopped' });
}
