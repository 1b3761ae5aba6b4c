/**
 * enable.auto.commit: at the start of a poll() once auto.commit.interval.ms has passed, the consumer
 * commits the positions of what earlier polls returned (ConsumerCoordinator's
 * maybeAutoCommitOffsetsAsync). With synchronous processing those records are processed; a crash
 * before the next auto-commit leaves them to be consumed again.
 */
import { inputPartitionCount } from '../../config.ts';
import { coordinatorUp, groupOf, instanceAt, pipelineConfig } from '../../group/group.ts';
import { commitConsumed, consumedOffsets, exceptionOf } from '../../group/offsets.ts';
import type { State } from '../../state.ts';
import { perConsumer, type StepModule } from '../step.ts';

export interface AutoCommitAction {
  readonly type: 'AutoCommit';
  readonly consumer: number;
}

function behind(state: State, consumer: number, partitions: number): boolean {
  const committed = groupOf(state).committed;
  return consumedOffsets(instanceAt(state, consumer), partitions).some(([p, o]) => committed[p] !== o);
}

export const autoCommit: StepModule<AutoCommitAction> = {
  type: 'AutoCommit',
  actor: 'consumer',
  fields: { consumer: 'consumer' },
  footprint: {
    reads: ['brokers[*].up', 'pipeline.instances'],
    writes: ['pipeline.group'],
  },
  candidates: (config) =>
    config.pipeline?.commit === 'auto'
      ? perConsumer(config, (consumer) => ({ type: 'AutoCommit', consumer }))
      : [],
  guard(config, state, a) {
    const i = instanceAt(state, a.consumer);
    return (
      i.status === 'running' &&
      i.phase === 'stable' &&
      i.stage === 'poll' &&
      coordinatorUp(state) &&
      behind(state, a.consumer, inputPartitionCount(config))
    );
  },
  effect: (config, state, a) =>
    commitConsumed(state, a.consumer, inputPartitionCount(config), pipelineConfig(config).staticMembership)
      .state,
  tell(config, before, a) {
    const { error } = commitConsumed(
      before,
      a.consumer,
      inputPartitionCount(config),
      pipelineConfig(config).staticMembership,
    );
    const offsets = consumedOffsets(instanceAt(before, a.consumer), inputPartitionCount(config))
      .map(([p, o]) => `partition ${p} at ${o}`)
      .join(', ');
    return {
      actor: `consumer ${a.consumer}`,
      message:
        error === null
          ? `auto-commit (OffsetCommit, generation ${instanceAt(before, a.consumer).generation}): ${offsets}`
          : `auto-commit of ${offsets} fails: ${error}, logged as ${exceptionOf(error)}; it will join again`,
    };
  },
};
