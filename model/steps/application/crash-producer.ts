/**
 * The application process dies with its producer: batches not yet sent are gone, and callbacks
 * never fire for what was in flight. The broker may still read requests that reached its socket.
 */
import { isTransactionalProducer } from '../../config.ts';
import { closeConnection } from '../../connection.ts';
import { updateAt } from '../../immutable.ts';
import { producerAt, withProducer } from '../../producer/bookkeeping.ts';
import { freshProducer, type Producer } from '../../state.ts';
import { endInstance } from '../../transactions/client.ts';
import { perWorkloadProducer, type StepModule } from '../step.ts';

export interface CrashProducerAction {
  readonly type: 'CrashProducer';
  readonly producer: number;
}

export const crashProducer: StepModule<CrashProducerAction> = {
  type: 'CrashProducer',
  actor: 'application',
  fields: { producer: 'producer' },
  footprint: {
    reads: [],
    writes: [
      'attempts[producer]',
      'connections[producer][*].orphans',
      'connections[producer][*].requests',
      'connections[producer][*].requestsLost',
      'connections[producer][*].responsesLost',
      'faultsUsed.producerRestart',
      'producers[producer].inFlight',
      'producers[producer].nextRecord',
      'producers[producer].partitions',
      'producers[producer].producerEpoch',
      'producers[producer].producerId',
      'producers[producer].status',
      'producers[producer].transaction',
    ],
  },
  fault: { budget: () => 'producerRestart' },
  candidates: (config) => perWorkloadProducer(config, (producer) => ({ type: 'CrashProducer', producer })),
  guard: (_config, state, action) => producerAt(state, action.producer).status === 'running',
  effect(config, state, action) {
    if (isTransactionalProducer(config, action.producer)) return endInstance(config, state, action.producer);
    const client = producerAt(state, action.producer);
    const crashed: Producer = {
      ...freshProducer(config, client.nextRecord, action.producer),
      status: 'crashed',
    };
    return {
      ...withProducer(state, action.producer, crashed),
      connections: updateAt(state.connections, action.producer, (row) => row.map(closeConnection)),
    };
  },
  tell: (_config, _before, a) => ({
    actor: `application ${a.producer}`,
    message: 'crashes with its producer; unsent batches are gone',
  }),
};
