/**
 * Before it fetches a newly assigned partition the consumer needs a position: OffsetFetch returns
 * the group's committed offset; without one, auto.offset.reset decides (earliest: the log start;
 * latest: the end a fetch would stop at; none: poll() throws NoOffsetForPartitionException and
 * the application dies). The consumer asks for stable offsets (KIP-447) and waits while a
 * transaction's offsets for the partition are pending. An application that keeps its offsets in its external store seeks to
 * the stored one in onPartitionsAssigned instead.
 */
import { liveLeader, partitionAt } from '../../cluster.ts';
import type { ModelConfig } from '../../config.ts';
import {
  atPosition,
  coordinatorUp,
  groupOf,
  has,
  instanceAt,
  pipelineConfig,
  pipelineOf,
  withInstance,
} from '../../group/group.ts';
import { hasPendingOffset } from '../../group/txn-offsets.ts';
import type { State } from '../../state.ts';
import { offsetFetchWaitsForPending } from '../../variants.ts';
import { perConsumerPartition, type StepModule } from '../step.ts';
import { resetOffset } from './position.ts';

export interface OffsetFetchAction {
  readonly type: 'OffsetFetch';
  readonly consumer: number;
  readonly partition: number;
}

/** The offset the application resumes from: the committed one, or the stored one; -1 for none. */
function resumeOffset(config: ModelConfig, state: State, partition: number): number {
  return pipelineConfig(config).commit === 'external'
    ? pipelineOf(state).sink.offsets[partition]!
    : groupOf(state).committed[partition]!;
}

export const offsetFetch: StepModule<OffsetFetchAction> = {
  type: 'OffsetFetch',
  actor: 'consumer',
  fields: { consumer: 'consumer', partition: 'partition' },
  footprint: {
    reads: [
      'brokers[*].up',
      'partitions[partition].leader',
      'partitions[partition].leaderEpoch',
      'partitions[partition].replicas[*].broker',
      'pipeline.group',
      'pipeline.sink',
    ],
    writes: ['pipeline.instances'],
  },
  candidates: (config) =>
    perConsumerPartition(config, (consumer, partition) => ({ type: 'OffsetFetch', consumer, partition })),
  guard(config, state, a) {
    const i = instanceAt(state, a.consumer);
    if (i.status !== 'running' || i.phase !== 'stable' || i.stage !== 'poll') return false;
    if (!has(i.owned, a.partition) || i.positions[a.partition] !== -1) return false;
    if (pipelineConfig(config).commit !== 'external' && !coordinatorUp(state)) return false;
    // require_stable (KIP-447): UNSTABLE_OFFSET_COMMIT while a transaction's offsets are pending; the consumer retries.
    if (offsetFetchWaitsForPending(config) && hasPendingOffset(state, a.partition)) return false;
    const needsReset = resumeOffset(config, state, a.partition) < 0;
    return (
      !(needsReset && pipelineConfig(config).autoOffsetReset === 'latest') ||
      liveLeader(state, partitionAt(state, a.partition)) !== null
    );
  },
  effect(config, state, a) {
    const i = instanceAt(state, a.consumer);
    const resume = resumeOffset(config, state, a.partition);
    const partition = partitionAt(state, a.partition);
    const position = resume >= 0 ? resume : resetOffset(config, liveLeader(state, partition)!);
    if (position === null) return withInstance(state, a.consumer, { ...i, status: 'failed' });
    return withInstance(state, a.consumer, atPosition(i, a.partition, position, partition.leaderEpoch));
  },
  tell(config, before, a, after) {
    const resume = resumeOffset(config, before, a.partition);
    const reset = pipelineConfig(config).autoOffsetReset;
    const i = instanceAt(after, a.consumer);
    const source = pipelineConfig(config).commit === 'external' ? 'the external store' : 'OffsetFetch';
    const message =
      resume >= 0
        ? `${source}: partition ${a.partition} resumes at its ${pipelineConfig(config).commit === 'external' ? 'stored' : 'committed'} offset ${resume}`
        : i.status === 'failed'
          ? `${source}: partition ${a.partition} has no committed offset and auto.offset.reset=none: poll() throws NoOffsetForPartitionException and the application dies`
          : `${source}: partition ${a.partition} has no committed offset; auto.offset.reset=${reset} starts it at offset ${i.positions[a.partition]}`;
    return { actor: `consumer ${a.consumer}`, message };
  },
};
