/**
 * The producer's Sender drains the oldest batch of a partition into a ProduceRequest to the
 * partition's leader, subject to Kafka's rules for in-flight requests and idempotent ordering.
 * With acks=0 the producer counts the batch as delivered the moment it is written to the socket,
 * with offset -1, and awaits nothing.
 */
import { isUp } from '../../cluster.ts';
import type { ModelConfig } from '../../config.ts';
import { connectionOf, sendRequest, withConnection } from '../../connection.ts';
import { updateAt } from '../../immutable.ts';
import {
  hasInFlight,
  producerAt,
  trackedInFlight,
  withProducer,
  withProducerPartition,
} from '../../producer/bookkeeping.ts';
import { batchAcknowledged } from '../../producer/outcome.ts';
import type { ClientTransaction, Producer, ProducerBatch, ProducerPartition, State } from '../../state.ts';
import { hasPartition } from '../../transactions/metadata.ts';
import { transactionProtocol } from '../../variants.ts';
import { perProducerPartition, type StepModule } from '../step.ts';
import { batchWords } from '../words.ts';

export interface SendProduceAction {
  readonly type: 'SendProduce';
  readonly producer: number;
  readonly partition: number;
}

/** The leader the producer's metadata names for a partition, when it is reachable. */
function metadataLeader(state: State, partition: number): number | null {
  const leader = state.partitions[partition]?.leader ?? null;
  return leader !== null && isUp(state, leader) ? leader : null;
}

/**
 * Kafka's RecordAccumulator.shouldStopDrainBatchesForPartition for an idempotent producer: a new
 * batch waits while the partition's sequence is unresolved or older-epoch batches are still in
 * flight; a retried batch goes only when it is the lowest sequence in flight, which keeps order.
 */
function idempotentDrainAllowed(client: Producer, partition: number, first: ProducerBatch): boolean {
  const pp = client.partitions[partition]!;
  if (pp.rewriteSequences) return false;
  const tracked = trackedInFlight(client, partition);
  if (first.baseSequence < 0) {
    if (pp.unresolvedSequence >= 0) return false;
    if (pp.sequenceEpoch !== client.producerEpoch && tracked.length > 0) return false;
    return true;
  }
  const lowest = Math.min(...tracked.map((b) => b.baseSequence));
  return first.baseSequence === lowest;
}

/**
 * A new batch gets the next sequence numbers of its partition, after the partition adopts a
 * bumped epoch from sequence 0 if nothing of the old epoch is still in flight
 * (maybeUpdateProducerIdAndEpoch). A retried batch keeps what it had.
 */
function stampSequence(
  client: Producer,
  pp: ProducerPartition,
  batch: ProducerBatch,
): [ProducerPartition, ProducerBatch] {
  if (batch.baseSequence >= 0) return [pp, batch];
  const current: ProducerPartition =
    pp.sequenceEpoch === client.producerEpoch
      ? pp
      : { ...pp, sequenceEpoch: client.producerEpoch, nextSequence: 0, lastAckedSequence: -1 };
  const stamped: ProducerBatch = {
    ...batch,
    producerId: client.producerId!,
    producerEpoch: client.producerEpoch,
    baseSequence: current.nextSequence,
  };
  return [{ ...current, nextSequence: current.nextSequence + batch.records.length }, stamped];
}

/**
 * A transactional batch goes only while the transaction is in progress or committing, and (under
 * transaction version 1) once the coordinator has added its partition (AddPartitionsToTxn).
 */
function transactionalDrainAllowed(config: ModelConfig, t: ClientTransaction, partition: number): boolean {
  if (t.state !== 'InTransaction' && t.state !== 'CommittingTransaction') return false;
  return transactionProtocol(config).implicitAddPartitions || hasPartition(t.added, partition);
}

export const sendProduce: StepModule<SendProduceAction> = {
  type: 'SendProduce',
  actor: 'producer',
  fields: { producer: 'producer', partition: 'partition' },
  footprint: {
    reads: [
      'connections[producer][*].requestsLost',
      'producers[producer].producerEpoch',
      'producers[producer].producerId',
      'producers[producer].status',
      'producers[producer].transaction',
    ],
    writes: [
      'connections[producer][*].requests',
      'producers[producer].inFlight',
      'producers[producer].partitions',
      'sends[producer]',
    ],
  },
  alwaysOn: true,
  candidates: (config) =>
    perProducerPartition(config, (producer, partition) => ({ type: 'SendProduce', producer, partition })),
  guard(config, state, action) {
    const client = producerAt(state, action.producer);
    if (client.status !== 'running' || client.producerId === null) return false;
    const first = client.partitions[action.partition]!.accumulator[0];
    if (first === undefined) return false;
    const leader = metadataLeader(state, action.partition);
    if (leader === null) return false;
    if (client.inFlight[leader]!.length >= config.maxInFlightRequestsPerConnection) return false;
    // With one request in flight Kafka promises order (guaranteeMessageOrder): the partition stays
    // muted while any of its batches is out, on whichever connection, even after a leader change.
    if (config.maxInFlightRequestsPerConnection === 1 && hasInFlight(client, action.partition)) return false;
    if (
      client.transaction !== null &&
      !transactionalDrainAllowed(config, client.transaction, action.partition)
    ) {
      return false;
    }
    return !config.enableIdempotence || idempotentDrainAllowed(client, action.partition, first);
  },
  effect(config, state, action) {
    const client = producerAt(state, action.producer);
    const leader = metadataLeader(state, action.partition)!;
    const pp = client.partitions[action.partition]!;
    const [head, ...rest] = pp.accumulator;
    const [stampedPartition, batch] = config.enableIdempotence
      ? stampSequence(client, pp, head!)
      : [pp, { ...head!, producerId: -1 }];
    let sent = withProducerPartition(client, action.partition, () => ({
      ...stampedPartition,
      accumulator: rest,
    }));
    // Under transaction version 2 the client's first batch to a partition starts it in the transaction.
    if (sent.transaction !== null && !hasPartition(sent.transaction.added, action.partition)) {
      sent = {
        ...sent,
        transaction: { ...sent.transaction, added: sent.transaction.added | (1 << action.partition) },
      };
    }
    if (config.acks !== '0') {
      sent = {
        ...sent,
        inFlight: updateAt(sent.inFlight, leader, (row) => [...row, { batch, expired: false }]),
      };
    }
    const written = sendRequest(connectionOf(state, action.producer, leader), { kind: 'Produce', batch });
    let next = withConnection(withProducer(state, action.producer, sent), action.producer, leader, written);
    if (config.acks === '0') next = batchAcknowledged(config, next, action.producer, batch, -1);
    return next;
  },
  tell(config, before, a, after) {
    const batch = before.producers[a.producer]!.partitions[a.partition]!.accumulator[0]!;
    const leader = before.partitions[a.partition]!.leader;
    const row = after.producers[a.producer]!.inFlight[leader!]!;
    const sent = row[row.length - 1]?.batch ?? batch;
    return {
      actor: `producer ${a.producer}`,
      message: `sends a ProduceRequest to broker ${leader} for partition ${a.partition}: ${batchWords(after, config, sent)}${batch.inRetry ? ' — a retry' : ''}`,
    };
  },
};
