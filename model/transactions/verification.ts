/**
 * What a partition leader asks the transaction coordinator before a transactional batch starts a
 * transaction on the partition (ReplicaManager with AddPartitionsToTxnManager). Under
 * transaction version 1 with `transaction.partition.verification.enable` (KIP-890 part 1) the
 * coordinator must have the partition in an Ongoing transaction of the batch's epoch; under
 * version 2 the leader adds the partition itself. The round trip to the coordinator is one step
 * here. An unreachable coordinator is answered with NOT_ENOUGH_REPLICAS, which old clients retry.
 */
import { isUp } from '../cluster.ts';
import type { ModelConfig } from '../config.ts';
import type { KafkaError, ProducerBatch, State } from '../state.ts';
import { transactionProtocol } from '../variants.ts';
import { hasPartition, isPreparing, transactionOfProducerId, withTransaction } from './metadata.ts';

export type Verified = { readonly state: State } | { readonly error: KafkaError };

export function verifyTransaction(config: ModelConfig, state: State, batch: ProducerBatch): Verified {
  const implicit = transactionProtocol(config).implicitAddPartitions;
  if (!implicit && !config.transactionPartitionVerificationEnable) return { state };
  const id = transactionOfProducerId(state, batch.producerId);
  if (id < 0) return { error: 'InvalidProducerEpoch' };
  const t = state.transactions[id]!;
  if (!isUp(state, t.coordinator)) return { error: 'NotEnoughReplicas' };
  if (!implicit) {
    // Kafka's handleVerifyPartitionsInTransaction: a fenced epoch is PRODUCER_FENCED, answered to
    // the producer as INVALID_PRODUCER_EPOCH; while markers are written, CONCURRENT_TRANSACTIONS,
    // answered as NOT_ENOUGH_REPLICAS; a partition outside the Ongoing transaction, INVALID_TXN_STATE.
    if (t.producerEpoch !== batch.producerEpoch) return { error: 'InvalidProducerEpoch' };
    if (isPreparing(t)) return { error: 'NotEnoughReplicas' };
    const ok = t.state === 'Ongoing' && hasPartition(t.partitions, batch.partition);
    return ok ? { state } : { error: 'InvalidTxnState' };
  }
  if (batch.producerEpoch < t.producerEpoch) return { error: 'InvalidProducerEpoch' };
  if (isPreparing(t)) return { error: 'ConcurrentTransactions' };
  return {
    state: withTransaction(state, id, {
      ...t,
      state: 'Ongoing',
      partitions: t.partitions | (1 << batch.partition),
    }),
  };
}
