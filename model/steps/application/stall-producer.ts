/**
 * The producer's process stops inside a transaction (a long GC pause, a frozen container) for
 * longer than transaction.timeout.ms. It takes no step until it wakes; its requests already on
 * the wire still travel.
 */
import { producerAt, withProducer } from '../../producer/bookkeeping.ts';
import { perWorkloadProducer, type StepModule } from '../step.ts';

export interface StallProducerAction {
  readonly type: 'StallProducer';
  readonly producer: number;
}

export const stallProducer: StepModule<StallProducerAction> = {
  type: 'StallProducer',
  actor: 'application',
  fields: { producer: 'producer' },
  footprint: {
    reads: ['producers[producer].transaction'],
    writes: ['faultsUsed.producerStall', 'producers[producer].status'],
  },
  fault: { budget: () => 'producerStall' },
  candidates: (config) =>
    config.transactionalId === null
      ? []
      : perWorkloadProducer(config, (producer) => ({ type: 'StallProducer', producer })),
  guard(_config, state, action) {
    const client = producerAt(state, action.producer);
    return client.status === 'running' && client.transaction?.state === 'InTransaction';
  },
  effect: (_config, state, action) =>
    withProducer(state, action.producer, { ...producerAt(state, action.producer), status: 'stalled' }),
  tell: (config, _before, a) => ({
    actor: `application ${a.producer}`,
    message: `stalls inside its transaction for longer than transaction.timeout.ms (${config.transactionTimeoutMs} ms)`,
  }),
};
