/**
 * The producer client's own steps: getting a PID, reading produce responses, expiring batches on
 * delivery.timeout.ms, and bumping the epoch of an idempotent producer (KIP-360).
 */
import type { Action } from '../action.ts';
import type { ModelConfig } from '../config.ts';
import { replaceAt, updateAt } from '../immutable.ts';
import type { InFlightBatch, ProducerBatch, State } from '../state.ts';
import {
  networkInFlight,
  producerAt,
  trackedInFlight,
  withProducer,
  withProducerPartition,
} from './bookkeeping.ts';
import {
  batchAcknowledged,
  batchFailed,
  expiredBatchAcknowledged,
  failToApplication,
  lastSequenceOf,
  resolveSequences,
} from './outcome.ts';

type InitProducerIdAction = Extract<Action, { type: 'InitProducerId' }>;
type HandleProduceResponseAction = Extract<Action, { type: 'HandleProduceResponse' }>;
type ExpireBatchAction = Extract<Action, { type: 'ExpireBatch' }>;
type BumpProducerEpochAction = Extract<Action, { type: 'BumpProducerEpoch' }>;

export function initProducerIdEnabled(state: State, action: InitProducerIdAction): boolean {
  const client = producerAt(state, action.producer);
  return client.status === 'running' && client.producerId === null && state.brokers.some((b) => b.up);
}

/** An idempotent producer asks any live broker for a PID; the cluster hands out the next one at epoch 0. */
export function initProducerId(state: State, action: InitProducerIdAction): State {
  const client = producerAt(state, action.producer);
  return {
    ...withProducer(state, action.producer, {
      ...client,
      producerId: state.nextProducerId,
      producerEpoch: 0,
    }),
    nextProducerId: state.nextProducerId + 1,
  };
}

export function handleProduceResponseEnabled(state: State, action: HandleProduceResponseAction): boolean {
  const client = producerAt(state, action.producer);
  return (
    client.status === 'running' && state.connections[action.producer]![action.broker]!.responses.length > 0
  );
}

/**
 * The producer reads the oldest response on a connection; responses come in request order, so it
 * answers the oldest request the producer still awaits there.
 */
export function handleProduceResponse(
  config: ModelConfig,
  state: State,
  action: HandleProduceResponseAction,
): State {
  const { producer, broker } = action;
  const connection = state.connections[producer]![broker]!;
  const response = connection.responses[0]!;
  const client = producerAt(state, producer);
  const awaited = client.inFlight[broker]![0];
  if (awaited === undefined || awaited.batch.partition !== response.partition) {
    throw new Error(
      `model bug: response for partition ${response.partition} matches no request to broker ${broker}`,
    );
  }
  let next: State = {
    ...withProducer(state, producer, {
      ...client,
      inFlight: updateAt(client.inFlight, broker, (row) => row.slice(1)),
    }),
    connections: updateAt(state.connections, producer, (row) =>
      replaceAt(row, broker, { ...connection, responses: connection.responses.slice(1) }),
    ),
  };
  const { batch } = awaited;
  if (response.result.error === 'None') {
    next = awaited.expired
      ? expiredBatchAcknowledged(config, next, producer, batch)
      : batchAcknowledged(config, next, producer, batch, response.result.baseOffset);
  } else if (!awaited.expired) {
    next = batchFailed(config, next, producer, batch, response.result.error);
  }
  return resolveSequences(next, producer);
}

/** The oldest batch of a partition the producer has not finished with, wherever it is. */
function oldestIncomplete(
  state: State,
  action: ExpireBatchAction,
): { readonly batch: ProducerBatch; readonly broker: number | null } | null {
  const client = producerAt(state, action.producer);
  let oldest: { batch: ProducerBatch; broker: number | null } | null = null;
  const consider = (batch: ProducerBatch, broker: number | null): void => {
    if (oldest === null || batch.records[0]!.send < oldest.batch.records[0]!.send) oldest = { batch, broker };
  };
  client.inFlight.forEach((row, broker) => {
    for (const f of row) if (!f.expired && f.batch.partition === action.partition) consider(f.batch, broker);
  });
  for (const batch of client.partitions[action.partition]!.accumulator) consider(batch, null);
  return oldest;
}

export function expireBatchEnabled(config: ModelConfig, state: State, action: ExpireBatchAction): boolean {
  return (
    state.faultsUsed.deliveryTimeout < config.faults.deliveryTimeout && expireBatchPossible(state, action)
  );
}

export function expireBatchPossible(state: State, action: ExpireBatchAction): boolean {
  return producerAt(state, action.producer).status === 'running' && oldestIncomplete(state, action) !== null;
}

/**
 * delivery.timeout.ms passes for the oldest unfinished batch of a partition, in the accumulator
 * or in flight (the request stays in flight; its late answer is ignored). The application's
 * callback gets a TimeoutException. A batch that was already retried may or may not be in the
 * log, so the partition's sequence becomes unresolved.
 */
export function expireBatch(config: ModelConfig, state: State, action: ExpireBatchAction): State {
  const found = oldestIncomplete(state, action)!;
  const { batch, broker } = found;
  const client = producerAt(state, action.producer);
  let updated =
    broker === null
      ? withProducerPartition(client, action.partition, (pp) => ({
          ...pp,
          accumulator: pp.accumulator.filter((b) => b !== batch),
        }))
      : {
          ...client,
          inFlight: updateAt(client.inFlight, broker, (row) =>
            row.map((f): InFlightBatch => (f.batch === batch ? { ...f, expired: true } : f)),
          ),
        };
  if (config.enableIdempotence && batch.inRetry) {
    updated = withProducerPartition(updated, action.partition, (pp) => ({
      ...pp,
      unresolvedSequence: Math.max(pp.unresolvedSequence, lastSequenceOf(batch) + 1),
    }));
  }
  const charged: State = {
    ...withProducer(state, action.producer, updated),
    faultsUsed: { ...state.faultsUsed, deliveryTimeout: state.faultsUsed.deliveryTimeout + 1 },
  };
  return resolveSequences(
    failToApplication(config, charged, action.producer, batch, 'TimeoutException'),
    action.producer,
  );
}

export function bumpProducerEpochEnabled(state: State, action: BumpProducerEpochAction): boolean {
  const client = producerAt(state, action.producer);
  if (client.status !== 'running' || client.producerId === null) return false;
  const flagged = client.partitions.flatMap((pp, partition) => (pp.rewriteSequences ? [partition] : []));
  return flagged.length > 0 && flagged.every((partition) => networkInFlight(client, partition).length === 0);
}

/**
 * KIP-360: the idempotent producer bumps its own epoch (no InitProducerId) and renumbers the
 * batches it still tracks on the partitions with a real gap from sequence 0; a broker accepts a
 * new epoch only from sequence 0. Other partitions adopt the new epoch when next idle. The model
 * waits for the partition's requests to come back before bumping, where Kafka may bump with
 * requests still on the wire.
 */
export function bumpProducerEpoch(state: State, action: BumpProducerEpochAction): State {
  const client = producerAt(state, action.producer);
  const producerEpoch = client.producerEpoch + 1;
  let bumped = { ...client, producerEpoch };
  client.partitions.forEach((pp, partition) => {
    if (!pp.rewriteSequences) return;
    const tracked = new Set(trackedInFlight(client, partition));
    let sequence = 0;
    const accumulator = pp.accumulator.map((b) => {
      if (!tracked.has(b)) return b;
      const rewritten: ProducerBatch = { ...b, producerEpoch, baseSequence: sequence, sequenceReset: true };
      sequence += b.records.length;
      return rewritten;
    });
    bumped = withProducerPartition(bumped, partition, () => ({
      ...pp,
      accumulator,
      nextSequence: sequence,
      lastAckedSequence: -1,
      sequenceEpoch: producerEpoch,
      unresolvedSequence: -1,
      rewriteSequences: false,
    }));
  });
  return withProducer(state, action.producer, bumped);
}
