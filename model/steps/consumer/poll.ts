/**
 * The reader of a partition (a consumer with `assign()`, no group) polls its leader: with
 * read_uncommitted it gets every record up to the high watermark; with read_committed only up to
 * the last stable offset, without the records of aborted transactions or any control batch. It
 * records what the poll returned, so the properties judge what a consumer saw.
 */
import { liveLeader, partitionAt } from '../../cluster.ts';
import { inputPartitionCount, type ModelConfig } from '../../config.ts';
import { replaceAt } from '../../immutable.ts';
import type { Replica, State } from '../../state.ts';
import { fetchRecords, lastStableOffset } from '../../transactions/log-view.ts';
import { lsoBound } from '../../variants.ts';
import { range, type StepModule } from '../step.ts';
import { recordList } from '../words.ts';

export interface PollAction {
  readonly type: 'Poll';
  readonly partition: number;
}

/** Where the leader stops this reader's fetch. */
export function fetchBound(config: ModelConfig, leader: Replica): number {
  if (config.isolationLevel === 'read_uncommitted') return leader.highWatermark;
  return lsoBound(config)(lastStableOffset(leader), leader.highWatermark);
}

function leaderOf(state: State, partition: number): Replica | null {
  return liveLeader(state, partitionAt(state, partition));
}

export const poll: StepModule<PollAction> = {
  type: 'Poll',
  actor: 'consumer',
  fields: { partition: 'partition' },
  footprint: {
    reads: [
      'brokers[*].up',
      'partitions[partition].leader',
      'partitions[partition].replicas[*].broker',
      'partitions[partition].replicas[*].highWatermark',
      'partitions[partition].replicas[*].log',
      // read-committed names the record a violation returned by its send.
      'sends[*]',
    ],
    writes: ['readers[partition].position', 'readers[partition].returned'],
  },
  candidates: (config) =>
    config.transactionalId === null
      ? []
      : // With a pipeline the reader downstream reads the output topic; the input has no transactions.
        range(config.partitions)
          .filter((partition) => partition >= inputPartitionCount(config) || config.pipeline === null)
          .map((partition) => ({ type: 'Poll', partition })),
  guard(config, state, a) {
    const leader = leaderOf(state, a.partition);
    return leader !== null && fetchBound(config, leader) > state.readers[a.partition]!.position;
  },
  effect(config, state, a) {
    const leader = leaderOf(state, a.partition)!;
    const reader = state.readers[a.partition]!;
    const bound = fetchBound(config, leader);
    const fetched = fetchRecords(leader, reader.position, bound, config.isolationLevel === 'read_committed');
    return {
      ...state,
      readers: replaceAt(state.readers, a.partition, {
        position: bound,
        returned: fetched.length === 0 ? reader.returned : [...reader.returned, ...fetched],
      }),
    };
  },
  tell(config, before, a, after) {
    const got = after.readers[a.partition]!.returned.slice(before.readers[a.partition]!.returned.length);
    const leader = leaderOf(before, a.partition)!;
    return {
      actor: `reader of partition ${a.partition}`,
      message: `polls (${config.isolationLevel}) up to offset ${after.readers[a.partition]!.position} (LSO ${lastStableOffset(leader)}, high watermark ${leader.highWatermark}): ${
        got.length === 0
          ? 'nothing new'
          : recordList(
              before,
              config,
              got.map((g) => g.ref),
            )
      }`,
    };
  },
};
