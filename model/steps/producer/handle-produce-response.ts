/**
 * The producer reads the oldest response on a connection; responses come in request order, so it
 * answers the oldest request the producer still awaits there.
 */
import { connectionOf, withConnection } from '../../connection.ts';
import { updateAt } from '../../immutable.ts';
import { producerAt, withProducer } from '../../producer/bookkeeping.ts';
import {
  batchAcknowledged,
  batchFailed,
  expiredBatchAcknowledged,
  resolveSequences,
} from '../../producer/outcome.ts';
import type { ProduceResponse, State } from '../../state.ts';
import { perConnection, type StepModule } from '../step.ts';
import { recordList } from '../words.ts';

export interface HandleProduceResponseAction {
  readonly type: 'HandleProduceResponse';
  readonly producer: number;
  readonly broker: number;
}

export const handleProduceResponse: StepModule<HandleProduceResponseAction> = {
  type: 'HandleProduceResponse',
  actor: 'producer',
  fields: { producer: 'producer', broker: 'broker' },
  footprint: {
    reads: [
      'brokers[*].up',
      'connections[*][*].purgatory',
      'partitions[*].followerEndOffsets',
      'partitions[*].isr',
      'partitions[*].leader',
      'partitions[*].leaderEpoch',
      'partitions[*].replicas[*].broker',
      'partitions[*].replicas[*].highWatermark',
      'partitions[*].replicas[*].logEndOffset',
      'producers[producer].status',
      'transactions[*].pendingMarkers',
    ],
    writes: [
      'connections[producer][broker].responses',
      'producers[producer].inFlight',
      'producers[producer].partitions',
      'producers[producer].transaction',
      'sends[producer]',
    ],
  },
  candidates: (config) =>
    perConnection(config, (producer, broker) => ({ type: 'HandleProduceResponse', producer, broker })),
  guard(_config, state, action) {
    const client = producerAt(state, action.producer);
    return (
      client.status === 'running' &&
      connectionOf(state, action.producer, action.broker).responses[0]?.kind === 'Produce'
    );
  },
  effect(config, state, action) {
    const { producer, broker } = action;
    const connection = connectionOf(state, producer, broker);
    const response = connection.responses[0] as ProduceResponse;
    const client = producerAt(state, producer);
    const awaited = client.inFlight[broker]![0];
    if (awaited === undefined || awaited.batch.partition !== response.partition) {
      throw new Error(
        `model bug: response for partition ${response.partition} matches no request to broker ${broker}`,
      );
    }
    let next: State = withConnection(
      withProducer(state, producer, {
        ...client,
        inFlight: updateAt(client.inFlight, broker, (row) => row.slice(1)),
      }),
      producer,
      broker,
      { ...connection, responses: connection.responses.slice(1) },
    );
    const { batch } = awaited;
    if (response.result.error === 'None') {
      next = awaited.expired
        ? expiredBatchAcknowledged(config, next, producer, batch)
        : batchAcknowledged(config, next, producer, batch, response.result.baseOffset);
    } else if (!awaited.expired) {
      next = batchFailed(config, next, producer, batch, response.result.error);
    }
    return resolveSequences(next, producer);
  },
  tell(config, before, a, after) {
    const response = before.connections[a.producer]![a.broker]!.responses[0] as ProduceResponse;
    const batch = before.producers[a.producer]!.inFlight[a.broker]![0]!;
    const what = response.result.error === 'None' ? 'success' : response.result.error;
    const retried = after.producers[a.producer]!.partitions[batch.batch.partition]!.accumulator.some(
      (b) => b.records[0] === batch.batch.records[0],
    );
    return {
      actor: `producer ${a.producer}`,
      message: `reads ${what} for ${recordList(before, config, batch.batch.records)}${batch.expired ? ' (already expired: ignored)' : ''}${retried ? '; will retry' : ''}`,
    };
  },
};
