/**
 * The producer's Sender drains the oldest batch of a partition into a ProduceRequest to the
 * partition's leader, subject to Kafka's rules for in-flight requests and idempotent ordering.
 */
import type { Action } from '../action.ts';
import { isUp } from '../cluster.ts';
import type { ModelConfig } from '../config.ts';
import { replaceAt, updateAt } from '../immutable.ts';
import type { Producer, ProducerBatch, ProducerPartition, State } from '../state.ts';
import {
  hasInFlight,
  producerAt,
  trackedInFlight,
  withProducer,
  withProducerPartition,
} from './bookkeeping.ts';
import { batchAcknowledged } from './outcome.ts';

type SendProduceAction = Extract<Action, { type: 'SendProduce' }>;

/** The leader the producer's metadata names for a partition, when it is reachable. */
export function metadataLeader(state: State, partition: number): number | null {
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

export function sendProduceEnabled(config: ModelConfig, state: State, action: SendProduceAction): boolean {
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
  return !config.enableIdempotence || idempotentDrainAllowed(client, action.partition, first);
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
 * The batch goes out on the connection to the leader. With acks=0 the producer counts it as
 * delivered the moment it is written to the socket, with offset -1, and awaits nothing.
 */
export function sendProduce(config: ModelConfig, state: State, action: SendProduceAction): State {
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
  if (config.acks !== '0') {
    sent = {
      ...sent,
      inFlight: updateAt(sent.inFlight, leader, (row) => [...row, { batch, expired: false }]),
    };
  }
  const connection = state.connections[action.producer]![leader]!;
  const written = connection.requestsLost
    ? connection
    : { ...connection, requests: [...connection.requests, { kind: 'Produce', batch } as const] };
  let next: State = {
    ...withProducer(state, action.producer, sent),
    connections: updateAt(state.connections, action.producer, (row) => replaceAt(row, leader, written)),
  };
  if (config.acks === '0') next = batchAcknowledged(config, next, action.producer, batch, -1);
  return next;
}
