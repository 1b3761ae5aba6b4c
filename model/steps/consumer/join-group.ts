/**
 * Inside poll() the consumer (re)joins its group: the first time, after the coordinator told it a
 * rebalance is under way (REBALANCE_IN_PROGRESS), or after it learnt it is no longer a member
 * (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION). Before JoinGroup, ConsumerCoordinator's onJoinPrepare
 * runs: an eager assignor revokes every partition (onPartitionsRevoked, where auto-commit and an
 * on-revoke application commit), a cooperative one keeps them; a member that lost its membership
 * loses its partitions without a commit (onPartitionsLost). A static member (group.instance.id)
 * that restarted replaces its old incarnation in a Stable group and keeps its assignment, with no
 * rebalance (KIP-345); a dynamic one joins as a new member once its old one has left.
 */

import { inputPartitionCount, isCooperative, type ModelConfig } from '../../config.ts';
import {
  coordinatorUp,
  groupOf,
  has,
  instanceAt,
  keptPositions,
  pipelineConfig,
  setWords,
  withInstance,
} from '../../group/group.ts';
import { join, replaceStaticMember } from '../../group/membership.ts';
import { commitConsumed } from '../../group/offsets.ts';
import { outputProducerReady } from '../../group/output.ts';
import type { ApplicationInstance, State } from '../../state.ts';
import { perConsumer, type StepModule } from '../step.ts';

export interface JoinGroupAction {
  readonly type: 'JoinGroup';
  readonly consumer: number;
}

/** The instance is still the member of the generation it believes in. */
export function stillMember(state: State, consumer: number): boolean {
  const group = groupOf(state);
  const i = instanceAt(state, consumer);
  return (
    i.generation >= 0 && group.members[consumer]!.instance === i.instance && i.generation === group.generation
  );
}

/** Why the instance must send JoinGroup now, or null. */
function joinReason(state: State, consumer: number): string | null {
  const group = groupOf(state);
  const i = instanceAt(state, consumer);
  const m = group.members[consumer]!;
  if (i.phase === 'unjoined') return i.generation < 0 ? 'joins the group' : 'joins again after revoking';
  if (m.instance !== i.instance) return 'learns it is no longer a member (UNKNOWN_MEMBER_ID) and joins again';
  if (i.phase === 'stable' && i.generation !== group.generation)
    return `learns its generation ${i.generation} is over (ILLEGAL_GENERATION) and joins again`;
  if (group.state === 'PreparingRebalance' && !m.joined)
    return 'learns a rebalance is under way (REBALANCE_IN_PROGRESS) and joins again';
  return null;
}

/** Whether the coordinator can take this incarnation as the slot's member. */
function slotFree(config: ModelConfig, state: State, consumer: number): boolean {
  const m = groupOf(state).members[consumer]!;
  const i = instanceAt(state, consumer);
  return m.instance < 0 || m.instance === i.instance || pipelineConfig(config).staticMembership;
}

function staticRejoin(config: ModelConfig, state: State, consumer: number): boolean {
  const m = groupOf(state).members[consumer]!;
  return (
    pipelineConfig(config).staticMembership &&
    m.instance >= 0 &&
    m.instance !== instanceAt(state, consumer).instance &&
    groupOf(state).state === 'Stable'
  );
}

export const joinGroup: StepModule<JoinGroupAction> = {
  type: 'JoinGroup',
  actor: 'consumer',
  fields: { consumer: 'consumer' },
  footprint: {
    reads: ['brokers[*].up', 'producers[*].transaction'],
    writes: ['pipeline.group', 'pipeline.instances'],
  },
  candidates: (config) => perConsumer(config, (consumer) => ({ type: 'JoinGroup', consumer })),
  guard(config, state, a) {
    const i = instanceAt(state, a.consumer);
    return (
      i.status === 'running' &&
      i.stage === 'poll' &&
      coordinatorUp(state) &&
      joinReason(state, a.consumer) !== null &&
      slotFree(config, state, a.consumer) &&
      outputProducerReady(config, state, a.consumer)
    );
  },
  effect(config, state, a) {
    const pipeline = pipelineConfig(config);
    const i = instanceAt(state, a.consumer);
    if (staticRejoin(config, state, a.consumer)) {
      const group = groupOf(state);
      const back: ApplicationInstance = {
        ...i,
        phase: 'stable',
        generation: group.generation,
        owned: group.members[a.consumer]!.assignment,
        ...keptPositions(i, () => false),
      };
      return withInstance(replaceStaticMember(state, a.consumer, i.instance), a.consumer, back);
    }
    let next = state;
    let owned = i.owned;
    if (!stillMember(state, a.consumer)) {
      owned = 0; // onPartitionsLost: nothing to commit.
    } else if (!isCooperative(pipeline)) {
      if (pipeline.commit === 'auto' || pipeline.commit === 'on-revoke') {
        next = commitConsumed(
          state,
          a.consumer,
          inputPartitionCount(config),
          pipeline.staticMembership,
        ).state;
      }
      owned = 0;
    }
    const current = instanceAt(next, a.consumer);
    const joining: ApplicationInstance = {
      ...current,
      phase: 'joining',
      owned,
      ...keptPositions(current, (partition) => has(owned, partition)),
    };
    return join(config, withInstance(next, a.consumer, joining), a.consumer, i.instance, owned);
  },
  tell(config, before, a, after) {
    const i = instanceAt(before, a.consumer);
    const g = groupOf(after);
    const reason = joinReason(before, a.consumer)!;
    if (staticRejoin(config, before, a.consumer)) {
      return {
        actor: `consumer ${a.consumer}`,
        message: `rejoins with its group.instance.id as static member: the coordinator keeps generation ${g.generation} and its assignment ${setWords(instanceAt(after, a.consumer).owned, inputPartitionCount(config))}, no rebalance (KIP-345)`,
      };
    }
    const kept = instanceAt(after, a.consumer).owned;
    const dropped = i.owned & ~kept;
    const committed = g.committed.some((o, p) => o !== groupOf(before).committed[p]);
    const revoke =
      dropped === 0
        ? ''
        : stillMember(before, a.consumer)
          ? `; onPartitionsRevoked(${setWords(dropped, inputPartitionCount(config))})${committed ? `, committing offsets ${JSON.stringify(g.committed)}` : ''}`
          : `; onPartitionsLost(${setWords(dropped, inputPartitionCount(config))}), nothing committed`;
    const outcome =
      g.state === 'CompletingRebalance'
        ? `; every member has joined: generation ${g.generation}, leader ${g.leader}`
        : `; the group is ${g.state}`;
    return { actor: `consumer ${a.consumer}`, message: `${reason}: JoinGroup${revoke}${outcome}` };
  },
};
