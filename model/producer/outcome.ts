/**
 * What the producer client does when a batch comes back: complete it, put it back for a retry,
 * or fail it to the application, keeping the idempotent producer's sequence bookkeeping as
 * Kafka's Sender and TransactionManager do.
 */
import { isTransactionalProducer, type ModelConfig } from '../config.ts';
import type { KafkaError, Producer, ProducerBatch, ProducerPartition, State } from '../state.ts';
import { transactionFailed } from '../transactions/client.ts';
import {
  appendToAccumulator,
  producerAt,
  settleSends,
  trackedInFlight,
  withProducer,
  withProducerPartition,
} from './bookkeeping.ts';

/** Errors Kafka's client classes as RetriableException. */
const retriableErrors: ReadonlySet<KafkaError> = new Set<KafkaError>([
  'NotLeaderOrFollower',
  'NotEnoughReplicas',
  'NotEnoughReplicasAfterAppend',
  'NetworkException',
  'RequestTimedOut',
  // A leader that adds the partition itself (transaction version 2) while the previous
  // transaction's markers are still being written.
  'ConcurrentTransactions',
]);

export function lastSequenceOf(batch: ProducerBatch): number {
  return batch.baseSequence + batch.records.length - 1;
}

/** An acknowledged batch moves the partition's last acknowledged sequence forward, never back. */
function acknowledgeSequence(config: ModelConfig, client: Producer, batch: ProducerBatch): Producer {
  if (!config.enableIdempotence) return client;
  return withProducerPartition(client, batch.partition, (pp) => ({
    ...pp,
    lastAckedSequence: Math.max(pp.lastAckedSequence, lastSequenceOf(batch)),
  }));
}

/**
 * The broker wrote the batch: every record in it is acknowledged at its offset. In a transaction
 * the application counts a record as delivered only once commitTransaction() returns.
 */
export function batchAcknowledged(
  config: ModelConfig,
  state: State,
  producer: number,
  batch: ProducerBatch,
  baseOffset: number,
): State {
  if (isTransactionalProducer(config, producer))
    return expiredBatchAcknowledged(config, state, producer, batch);
  const settled = settleSends(state, batch.records, (i) => ({
    status: 'acknowledged',
    offset: baseOffset < 0 ? -1 : baseOffset + i,
  }));
  return withProducer(settled, producer, acknowledgeSequence(config, producerAt(settled, producer), batch));
}

/** A late success for a batch delivery.timeout.ms already failed: only the sequence bookkeeping learns of it. */
export function expiredBatchAcknowledged(
  config: ModelConfig,
  state: State,
  producer: number,
  batch: ProducerBatch,
): State {
  return withProducer(state, producer, acknowledgeSequence(config, producerAt(state, producer), batch));
}

function requestRewrite(pp: ProducerPartition): ProducerPartition {
  return { ...pp, rewriteSequences: true };
}

/**
 * Kafka's TransactionManager.canRetry for OUT_OF_ORDER_SEQUENCE_NUMBER on an idempotent producer:
 * always retry; when the batch is the one right after the last acknowledged sequence (or right
 * after an unresolved one) the gap is real, so also request an epoch bump (KIP-360).
 */
function outOfOrderIsRealGap(pp: ProducerPartition, batch: ProducerBatch): boolean {
  const isNext = batch.baseSequence - pp.lastAckedSequence === 1;
  if (pp.unresolvedSequence < 0) return !batch.sequenceReset && isNext;
  return batch.baseSequence === pp.unresolvedSequence;
}

/** Puts a batch back in the accumulator: in sequence order with idempotence, else at the front. */
function reenqueue(config: ModelConfig, pp: ProducerPartition, batch: ProducerBatch): ProducerPartition {
  const retry: ProducerBatch = {
    ...batch,
    inRetry: true,
    retriesLeft: batch.retriesLeft === null ? null : batch.retriesLeft - 1,
  };
  if (!config.enableIdempotence) return { ...pp, accumulator: [retry, ...pp.accumulator] };
  const at = pp.accumulator.findIndex((b) => b.baseSequence < 0 || b.baseSequence > retry.baseSequence);
  const index = at < 0 ? pp.accumulator.length : at;
  return { ...pp, accumulator: [...pp.accumulator.slice(0, index), retry, ...pp.accumulator.slice(index)] };
}

/**
 * A batch came back with an error (from the broker, or from a dead or timed-out connection):
 * retry it while `retries` allows and the error is retriable, else fail its records to the
 * application, whose callback may send them again.
 */
export function batchFailed(
  config: ModelConfig,
  state: State,
  producer: number,
  batch: ProducerBatch,
  error: KafkaError,
): State {
  const client = producerAt(state, producer);
  if (client.transaction?.state === 'AbortingTransaction') {
    // The transaction is being aborted: nothing is retried, and the gap its sequence leaves is bumped past.
    const dropped = withProducerPartition(client, batch.partition, requestRewrite);
    return settleSends(withProducer(state, producer, dropped), batch.records, () => ({
      status: 'failed',
      error: 'TransactionAborted',
    }));
  }
  const retriesLeft = batch.retriesLeft === null || batch.retriesLeft > 0;
  // A transactional producer does not retry past a sequence gap: the transaction must abort.
  const outOfOrder =
    config.enableIdempotence && error === 'OutOfOrderSequence' && !isTransactionalProducer(config, producer);
  if (retriesLeft && (outOfOrder || retriableErrors.has(error))) {
    const retried = withProducerPartition(client, batch.partition, (pp) =>
      reenqueue(config, outOfOrder && outOfOrderIsRealGap(pp, batch) ? requestRewrite(pp) : pp, batch),
    );
    return withProducer(state, producer, retried);
  }
  // Kafka's handleFailedBatch: an out-of-order failure, or a fatal error that was not retry
  // exhaustion, means the sequence has a gap, so the idempotent producer bumps its epoch.
  const rewrite = config.enableIdempotence && (error === 'OutOfOrderSequence' || retriesLeft);
  const failedClient = rewrite ? withProducerPartition(client, batch.partition, requestRewrite) : client;
  return failToApplication(config, withProducer(state, producer, failedClient), producer, batch, error);
}

/**
 * The application's callback sees the error; with `resend` it calls `send()` again for each
 * record. In a transaction the error fails the transaction instead (transactions/client.ts).
 */
export function failToApplication(
  config: ModelConfig,
  state: State,
  producer: number,
  batch: ProducerBatch,
  error: KafkaError,
): State {
  let next = settleSends(state, batch.records, () => ({ status: 'failed', error }));
  if (isTransactionalProducer(config, producer)) return transactionFailed(config, next, producer, error);
  if (config.onFailure === 'resend') {
    for (const ref of batch.records) {
      next = appendToAccumulator(config, next, producer, next.sends[ref.producer]![ref.send]!.record);
    }
  }
  return next;
}

/**
 * Kafka's maybeResolveSequences, run at every turn of the Sender loop: once nothing of an
 * unresolved partition is in flight, its sequence is resolved if the last acknowledged batch is
 * the last one sent; otherwise the gap is real and the epoch must be bumped.
 */
export function resolveSequences(state: State, producer: number): State {
  const client = producerAt(state, producer);
  let next = client;
  client.partitions.forEach((pp, partition) => {
    if (pp.unresolvedSequence < 0 || trackedInFlight(client, partition).length > 0) return;
    const resolved = pp.lastAckedSequence === pp.nextSequence - 1;
    next = withProducerPartition(next, partition, (p) => ({
      ...p,
      unresolvedSequence: -1,
      rewriteSequences: p.rewriteSequences || !resolved,
    }));
  });
  return next === client ? state : withProducer(state, producer, next);
}
