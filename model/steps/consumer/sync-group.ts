/**
 * SyncGroup: a member of the completed join gets its assignment for the new generation; the
 * leader's SyncGroup makes the group Stable, the others follow. The consumer calls
 * onPartitionsAssigned for what it gained. With a cooperative assignor it first revokes what it
 * no longer has (onPartitionsRevoked, where auto-commit and an on-revoke application commit) and,
 * if it revoked anything, joins again so the partitions can move (KIP-429).
 */
import { inputPartitionCount, isCooperative } from '../../config.ts';
import {
  coordinatorUp,
  groupOf,
  has,
  instanceAt,
  keptPositions,
  pipelineConfig,
  setWords,
  withGroup,
  withInstance,
} from '../../group/group.ts';
import { commitConsumed } from '../../group/offsets.ts';
import type { ApplicationInstance } from '../../state.ts';
import { perConsumer, type StepModule } from '../step.ts';

export interface SyncGroupAction {
  readonly type: 'SyncGroup';
  readonly consumer: number;
}

export const syncGroup: StepModule<SyncGroupAction> = {
  type: 'SyncGroup',
  actor: 'consumer',
  fields: { consumer: 'consumer' },
  footprint: {
    reads: ['brokers[*].up'],
    writes: ['pipeline.group', 'pipeline.instances'],
  },
  candidates: (config) => perConsumer(config, (consumer) => ({ type: 'SyncGroup', consumer })),
  guard(_config, state, a) {
    const i = instanceAt(state, a.consumer);
    const g = groupOf(state);
    const m = g.members[a.consumer]!;
    return (
      i.status === 'running' &&
      i.phase === 'joining' &&
      coordinatorUp(state) &&
      m.instance === i.instance &&
      !m.joined &&
      (g.state === 'Stable' || (g.state === 'CompletingRebalance' && g.leader === a.consumer))
    );
  },
  effect(config, state, a) {
    const pipeline = pipelineConfig(config);
    const g = groupOf(state);
    const i = instanceAt(state, a.consumer);
    const assignment = g.members[a.consumer]!.assignment;
    const revoked = i.owned & ~assignment;
    let next = withInstance(state, a.consumer, { ...i, generation: g.generation });
    if (g.state === 'CompletingRebalance') next = withGroup(next, { ...g, state: 'Stable' });
    if (revoked !== 0 && (pipeline.commit === 'auto' || pipeline.commit === 'on-revoke')) {
      next = commitConsumed(
        next,
        a.consumer,
        inputPartitionCount(config),
        pipeline.staticMembership,
        revoked,
      ).state;
    }
    const current = instanceAt(next, a.consumer);
    const synced: ApplicationInstance = {
      ...current,
      phase: isCooperative(pipeline) && revoked !== 0 ? 'unjoined' : 'stable',
      owned: assignment,
      ...keptPositions(current, (partition) => has(assignment & i.owned, partition)),
    };
    return withInstance(next, a.consumer, synced);
  },
  tell(config, before, a, after) {
    const i = instanceAt(before, a.consumer);
    const g = groupOf(after);
    const assignment = g.members[a.consumer]!.assignment;
    const revoked = i.owned & ~assignment;
    const gained = assignment & ~i.owned;
    const parts = [
      `SyncGroup: generation ${g.generation}, assignment ${setWords(assignment, inputPartitionCount(config))}`,
      ...(revoked === 0
        ? []
        : [`onPartitionsRevoked(${setWords(revoked, inputPartitionCount(config))}), so it joins again`]),
      `onPartitionsAssigned(${setWords(gained, inputPartitionCount(config))})`,
      ...(groupOf(before).state === 'CompletingRebalance' ? ['the group is Stable'] : []),
    ];
    return { actor: `consumer ${a.consumer}`, message: parts.join('; ') };
  },
};
