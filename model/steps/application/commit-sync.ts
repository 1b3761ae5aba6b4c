/**
 * The application calls commitSync(): OffsetCommit of every consumed position, with its member id
 * and generation. Committed before processing, a crash after it loses the batch (at most once);
 * after processing, a crash before it processes the batch again (at least once). Refused
 * (CommitFailedException), the consumer forgets its generation; an application committing first
 * gives up the batch, one committing last has already written its output.
 */
import { inputPartitionCount } from '../../config.ts';
import { coordinatorUp, instanceAt, pipelineConfig, withInstance } from '../../group/group.ts';
import { commitConsumed, consumedOffsets, exceptionOf } from '../../group/offsets.ts';
import { perConsumer, type StepModule } from '../step.ts';

export interface CommitSyncAction {
  readonly type: 'CommitSync';
  readonly consumer: number;
}

export const commitSync: StepModule<CommitSyncAction> = {
  type: 'CommitSync',
  actor: 'application',
  fields: { consumer: 'consumer' },
  footprint: {
    reads: ['brokers[*].up'],
    writes: ['pipeline.group', 'pipeline.instances'],
  },
  candidates: (config) =>
    config.pipeline?.commit === 'before' || config.pipeline?.commit === 'after'
      ? perConsumer(config, (consumer) => ({ type: 'CommitSync', consumer }))
      : [],
  guard(_config, state, a) {
    const i = instanceAt(state, a.consumer);
    return (
      i.status === 'running' &&
      (i.stage === 'commit-before' || i.stage === 'commit-after') &&
      coordinatorUp(state)
    );
  },
  effect(config, state, a) {
    const stage = instanceAt(state, a.consumer).stage;
    const { state: next, error } = commitConsumed(
      state,
      a.consumer,
      inputPartitionCount(config),
      pipelineConfig(config).staticMembership,
    );
    const i = instanceAt(next, a.consumer);
    if (error === null)
      return withInstance(next, a.consumer, { ...i, stage: stage === 'commit-before' ? 'process' : 'poll' });
    return withInstance(next, a.consumer, { ...i, stage: 'poll', batch: [] });
  },
  tell(config, before, a) {
    const i = instanceAt(before, a.consumer);
    const { error } = commitConsumed(
      before,
      a.consumer,
      inputPartitionCount(config),
      pipelineConfig(config).staticMembership,
    );
    const offsets = consumedOffsets(i, inputPartitionCount(config))
      .map(([p, o]) => `partition ${p} at ${o}`)
      .join(', ');
    const when = i.stage === 'commit-before' ? 'before processing' : 'after processing';
    return {
      actor: `instance ${a.consumer}`,
      message:
        error === null
          ? `commitSync() ${when} (OffsetCommit, generation ${i.generation}): ${offsets}`
          : `commitSync() ${when} of ${offsets} fails: ${error}, thrown as ${exceptionOf(error)}${i.stage === 'commit-before' ? '; the batch is given up' : ''}`,
    };
  },
};
