/**
 * poll() returns records of one assigned partition: a Fetch from the partition's leader starting
 * at the consumer's position, up to the high watermark (read_uncommitted) or the last stable
 * offset without aborted records (read_committed), at most max.poll.records of them. The position
 * moves past what it returned; the application then commits first (commit before processing) or
 * processes. A position past the leader's log end gets OFFSET_OUT_OF_RANGE, and auto.offset.reset
 * moves it (with `none`, poll() throws OffsetOutOfRangeException and the application dies). Since
 * KIP-320 a consumer whose position was set under an older leader epoch validates it first
 * (ConsumerOffsetsForLeaderEpoch); the consumer before KIP-320 fetches on.
 */
import { liveLeader, partitionAt } from '../../cluster.ts';
import type { ModelConfig } from '../../config.ts';
import { atPosition, has, instanceAt, pipelineConfig, withInstance } from '../../group/group.ts';
import type { ConsumedRecord, Replica, State } from '../../state.ts';
import { fetchRecords } from '../../transactions/log-view.ts';
import { perConsumerPartition, type StepModule } from '../step.ts';
import { recordList } from '../words.ts';
import { fetchBound } from './poll.ts';
import { mustValidate, resetOffset } from './position.ts';

export interface ConsumerPollAction {
  readonly type: 'ConsumerPoll';
  readonly consumer: number;
  readonly partition: number;
}

function leaderOf(state: State, partition: number): Replica | null {
  return liveLeader(state, partitionAt(state, partition));
}

/** A fetch from past the leader's log end gets OFFSET_OUT_OF_RANGE. */
function outOfRange(leader: Replica, position: number): boolean {
  return position > leader.logEndOffset;
}

/** What the poll returns, and the position after it. */
function polled(
  config: ModelConfig,
  state: State,
  a: ConsumerPollAction,
): { records: ConsumedRecord[]; position: number } {
  const leader = leaderOf(state, a.partition)!;
  const from = instanceAt(state, a.consumer).positions[a.partition]!;
  const bound = fetchBound(config, leader);
  const fetched = fetchRecords(leader, from, bound, config.isolationLevel === 'read_committed');
  const max = pipelineConfig(config).maxPollRecords;
  const taken = fetched.slice(0, max);
  const position = fetched.length > max ? fetched[max]!.offset : bound;
  return { records: taken.map((r) => ({ partition: a.partition, offset: r.offset, ref: r.ref })), position };
}

export const consumerPoll: StepModule<ConsumerPollAction> = {
  type: 'ConsumerPoll',
  actor: 'consumer',
  fields: { consumer: 'consumer', partition: 'partition' },
  footprint: {
    reads: [
      'brokers[*].up',
      'partitions[partition].leader',
      'partitions[partition].leaderEpoch',
      'partitions[partition].replicas[*].broker',
      'partitions[partition].replicas[*].highWatermark',
      'partitions[partition].replicas[*].log',
      'partitions[partition].replicas[*].logEndOffset',
    ],
    writes: ['pipeline.instances'],
  },
  candidates: (config) =>
    perConsumerPartition(config, (consumer, partition) => ({ type: 'ConsumerPoll', consumer, partition })),
  guard(config, state, a) {
    const i = instanceAt(state, a.consumer);
    if (i.status !== 'running' || i.phase !== 'stable' || i.stage !== 'poll') return false;
    const position = i.positions[a.partition]!;
    if (!has(i.owned, a.partition) || position < 0) return false;
    if (mustValidate(config, state, a.consumer, a.partition)) return false;
    const leader = leaderOf(state, a.partition);
    return leader !== null && (outOfRange(leader, position) || fetchBound(config, leader) > position);
  },
  effect(config, state, a) {
    const i = instanceAt(state, a.consumer);
    const leader = leaderOf(state, a.partition)!;
    const epoch = partitionAt(state, a.partition).leaderEpoch;
    if (outOfRange(leader, i.positions[a.partition]!)) {
      const reset = resetOffset(config, leader);
      if (reset === null) return withInstance(state, a.consumer, { ...i, status: 'failed' });
      return withInstance(state, a.consumer, atPosition(i, a.partition, reset, epoch));
    }
    const { records, position } = polled(config, state, a);
    const stage =
      records.length === 0
        ? 'poll'
        : pipelineConfig(config).commit === 'before'
          ? 'commit-before'
          : 'process';
    return withInstance(state, a.consumer, {
      ...atPosition(i, a.partition, position, epoch),
      stage,
      batch: records,
    });
  },
  tell(config, before, a, after) {
    const i = instanceAt(after, a.consumer);
    const from = instanceAt(before, a.consumer).positions[a.partition]!;
    const leader = leaderOf(before, a.partition)!;
    if (outOfRange(leader, from)) {
      const reset = pipelineConfig(config).autoOffsetReset;
      return {
        actor: `consumer ${a.consumer}`,
        message: `poll() fetches partition ${a.partition} from offset ${from}: OFFSET_OUT_OF_RANGE (broker ${leader.broker}'s log ends at ${leader.logEndOffset}); ${
          i.status === 'failed'
            ? 'auto.offset.reset=none: poll() throws OffsetOutOfRangeException and the application dies'
            : `auto.offset.reset=${reset} moves the position to ${i.positions[a.partition]}`
        }`,
      };
    }
    return {
      actor: `consumer ${a.consumer}`,
      message: `poll() fetches partition ${a.partition} from offset ${from} (${config.isolationLevel}): ${
        i.batch.length === 0
          ? 'no records'
          : `${recordList(
              before,
              config,
              i.batch.map((r) => r.ref),
            )} at offsets ${i.batch.map((r) => r.offset).join(', ')}`
      }; position ${i.positions[a.partition]}`,
    };
  },
};
