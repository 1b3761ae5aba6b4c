/**
 * A consumer's fetch position, as the consumer steps share it: when it needs validating, and
 * auto.offset.reset, where Kafka's consumer applies it: to a partition without a committed
 * offset, after a fetch out of range, and after a validation that finds the position's epoch
 * gone from the leader. earliest is the log start (the model keeps every record); latest is where
 * a fetch stops (ListOffsets: the high watermark, or the last stable offset for read_committed);
 * none resets nothing, so poll() throws.
 */
import { partitionAt } from '../../cluster.ts';
import type { ModelConfig } from '../../config.ts';
import { instanceAt, pipelineConfig } from '../../group/group.ts';
import type { Replica, State } from '../../state.ts';
import { consumerValidatesPosition } from '../../variants.ts';
import { fetchBound } from './poll.ts';

/** The offset auto.offset.reset gives with this leader, or null for `none`. */
export function resetOffset(config: ModelConfig, leader: Replica): number | null {
  switch (pipelineConfig(config).autoOffsetReset) {
    case 'earliest':
      return 0;
    case 'latest':
      return fetchBound(config, leader);
    case 'none':
      return null;
  }
}

/**
 * Whether the consumer must validate its position of `partition` before it fetches (KIP-320): the
 * partition has a newer leader epoch than the one the position was set under.
 */
export function mustValidate(
  config: ModelConfig,
  state: State,
  consumer: number,
  partition: number,
): boolean {
  const epoch = instanceAt(state, consumer).positionEpochs[partition]!;
  return consumerValidatesPosition(config) && epoch >= 0 && epoch < partitionAt(state, partition).leaderEpoch;
}
