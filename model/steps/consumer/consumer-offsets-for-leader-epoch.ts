/**
 * KIP-320: a consumer that learns of a new leader epoch for a partition validates its position
 * before it fetches again. It asks the new leader where the position's epoch ends
 * (OffsetsForLeaderEpoch). An end below the position means the log was truncated under it: the
 * consumer seeks back to that end, "the first offset known to diverge". With
 * auto.offset.reset=none it throws LogTruncationException instead. A leader that has no such
 * epoch at all makes the consumer reset by auto.offset.reset. Kafka's position keeps the epoch of
 * the last record consumed; the model keeps the epoch the position was set under, which ends at
 * the same offset in the model's logs. Kafka before KIP-320 had no such step (the variant
 * `consumer-position-validation=none`).
 */
import { liveLeader, partitionAt } from '../../cluster.ts';
import { atPosition, has, instanceAt, withInstance } from '../../group/group.ts';
import { epochEndOffset } from '../../log.ts';
import type { State } from '../../state.ts';
import { consumerValidatesPosition } from '../../variants.ts';
import { perConsumerPartition, type StepModule } from '../step.ts';
import { mustValidate, resetOffset } from './position.ts';

export interface ConsumerOffsetsForLeaderEpochAction {
  readonly type: 'ConsumerOffsetsForLeaderEpoch';
  readonly consumer: number;
  readonly partition: number;
}

/** What the validation finds: the end of the position's epoch on the leader, or null when it has none. */
function answer(state: State, a: ConsumerOffsetsForLeaderEpochAction): number | null {
  const leader = liveLeader(state, partitionAt(state, a.partition))!;
  return epochEndOffset(leader, instanceAt(state, a.consumer).positionEpochs[a.partition]!);
}

export const consumerOffsetsForLeaderEpoch: StepModule<ConsumerOffsetsForLeaderEpochAction> = {
  type: 'ConsumerOffsetsForLeaderEpoch',
  actor: 'consumer',
  fields: { consumer: 'consumer', partition: 'partition' },
  candidates: (config) =>
    config.pipeline === null || !consumerValidatesPosition(config)
      ? []
      : perConsumerPartition(config, (consumer, partition) => ({
          type: 'ConsumerOffsetsForLeaderEpoch',
          consumer,
          partition,
        })),
  guard(config, state, a) {
    const i = instanceAt(state, a.consumer);
    if (i.status !== 'running' || i.phase !== 'stable' || i.stage !== 'poll') return false;
    if (!has(i.owned, a.partition) || !mustValidate(config, state, a.consumer, a.partition)) return false;
    return liveLeader(state, partitionAt(state, a.partition)) !== null;
  },
  effect(config, state, a) {
    const i = instanceAt(state, a.consumer);
    const partition = partitionAt(state, a.partition);
    const position = i.positions[a.partition]!;
    const end = answer(state, a);
    const reset = resetOffset(config, liveLeader(state, partition)!);
    // A truncation with auto.offset.reset=none is LogTruncationException, whatever the answer.
    const next = end !== null && end >= position ? position : reset === null ? null : (end ?? reset);
    if (next === null) return withInstance(state, a.consumer, { ...i, status: 'failed' });
    return withInstance(state, a.consumer, atPosition(i, a.partition, next, partition.leaderEpoch));
  },
  tell(_config, before, a, after) {
    const i = instanceAt(before, a.consumer);
    const position = i.positions[a.partition]!;
    const epoch = i.positionEpochs[a.partition]!;
    const end = answer(before, a);
    const now = instanceAt(after, a.consumer);
    const asked = `asks the leader of partition ${a.partition} where leader epoch ${epoch} ends (OffsetsForLeaderEpoch, position ${position})`;
    const found =
      now.status === 'failed'
        ? `${end === null ? 'it has no such epoch' : `it ends at ${end}`}: truncation detected, and auto.offset.reset=none: poll() throws LogTruncationException and the application dies`
        : end === null
          ? `it has no such epoch: truncation detected, auto.offset.reset moves the position to ${now.positions[a.partition]}`
          : end < position
            ? `it ends at ${end}: truncation detected, the position moves back to the first offset known to diverge, ${end}`
            : `it ends at ${end}: the position is valid`;
    return { actor: `consumer ${a.consumer}`, message: `${asked}; ${found}` };
  },
};
