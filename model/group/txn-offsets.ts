/**
 * Transactional offsets at the group coordinator (KIP-98, KIP-447). TxnOffsetCommit stores the
 * offsets as pending under the producer id; the transaction's COMMIT marker makes them the group's
 * committed offsets, its ABORT marker drops them. Kafka 3.9 verifies first that the offsets
 * partition is in the producer's ongoing transaction at its epoch (KIP-890 part 1), so a fenced
 * zombie learns it is fenced here; with the consumer's group metadata (KIP-447) the coordinator
 * also checks its member id and generation, but not REBALANCE_IN_PROGRESS, which only plain
 * commits get. The deprecated overload with the group id only sends generation -1, which is not
 * checked at all.
 */
import { inputPartitionCount, type ModelConfig, producerOfInstance } from '../config.ts';
import type { KafkaError, PendingTxnOffsets, State } from '../state.ts';
import { transactionAt } from '../transactions/metadata.ts';
import { txnOffsetCommitChecksGeneration } from '../variants.ts';
import { groupOf, instanceAt, pipelineConfig, withGroup } from './group.ts';
import { type CommitError, commitError, consumedOffsets } from './offsets.ts';

/**
 * A stale epoch fails verification with INVALID_PRODUCER_EPOCH, which the client takes as fatal
 * (ProducerFencedException); offsets outside the ongoing transaction get TRANSACTION_ABORTABLE.
 */
export type TxnOffsetCommitError =
  | CommitError
  | Extract<KafkaError, 'ProducerFenced'>
  | 'TransactionAbortable';

/** What the group coordinator answers the instance's TxnOffsetCommit, or null for success. */
export function txnOffsetCommitError(
  config: ModelConfig,
  state: State,
  consumer: number,
): TxnOffsetCommitError | null {
  const producer = producerOfInstance(config, consumer);
  const client = state.producers[producer]!;
  const t = transactionAt(state, producer);
  if (client.producerId !== t.producerId || client.producerEpoch < t.producerEpoch) return 'ProducerFenced';
  if (t.state !== 'Ongoing' || t.groupOffsets !== 'added') return 'TransactionAbortable';
  const pipeline = pipelineConfig(config);
  if (pipeline.sendOffsets === 'group-id' || !txnOffsetCommitChecksGeneration(config)) return null;
  const error = commitError(state, consumer, pipeline.staticMembership);
  return error === 'RebalanceInProgress' ? null : error;
}

/** The offsets the instance has consumed, stored as pending under its producer id. */
export function storePendingOffsets(config: ModelConfig, state: State, consumer: number): State {
  const partitions = inputPartitionCount(config);
  const producerId = state.producers[producerOfInstance(config, consumer)]!.producerId!;
  const group = groupOf(state);
  const before = group.pending.find((p) => p.producerId === producerId);
  const offsets = (before?.offsets ?? Array.from({ length: partitions }, () => -1)).slice();
  for (const [p, offset] of consumedOffsets(instanceAt(state, consumer), partitions)) offsets[p] = offset;
  const entry: PendingTxnOffsets = { producerId, offsets };
  const pending = [...group.pending.filter((p) => p.producerId !== producerId), entry].sort(
    (a, b) => a.producerId - b.producerId,
  );
  return withGroup(state, { ...group, pending });
}

/** The transaction's marker reaches the group coordinator: its pending offsets commit or vanish. */
export function completePendingOffsets(state: State, producerId: number, commit: boolean): State {
  const group = groupOf(state);
  const entry = group.pending.find((p) => p.producerId === producerId);
  if (entry === undefined) return state;
  const committed = commit
    ? group.committed.map((offset, p) => (entry.offsets[p]! >= 0 ? entry.offsets[p]! : offset))
    : group.committed;
  return withGroup(state, {
    ...group,
    committed,
    pending: group.pending.filter((p) => p !== entry),
  });
}

/** Whether a transaction's offsets for this partition wait for their marker. */
export function hasPendingOffset(state: State, partition: number): boolean {
  return groupOf(state).pending.some((p) => p.offsets[partition]! >= 0);
}
