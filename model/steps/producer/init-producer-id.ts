/** An idempotent producer asks any live broker for a PID; the cluster hands out the next one at epoch 0. */
import { isTransactionalProducer } from '../../config.ts';
import { producerAt, withProducer } from '../../producer/bookkeeping.ts';
import { perProducer, type StepModule } from '../step.ts';

export interface InitProducerIdAction {
  readonly type: 'InitProducerId';
  readonly producer: number;
}

export const initProducerId: StepModule<InitProducerIdAction> = {
  type: 'InitProducerId',
  actor: 'producer',
  fields: { producer: 'producer' },
  footprint: {
    reads: ['brokers[*].up', 'producers[producer].status'],
    writes: ['nextProducerId', 'producers[producer].producerId'],
  },
  alwaysOn: true,
  candidates: (config) =>
    config.enableIdempotence
      ? perProducer(config, (producer) => producer)
          .filter((producer) => !isTransactionalProducer(config, producer))
          .map((producer) => ({ type: 'InitProducerId', producer }))
      : [],
  guard(_config, state, action) {
    const client = producerAt(state, action.producer);
    return client.status === 'running' && client.producerId === null && state.brokers.some((b) => b.up);
  },
  effect(_config, state, action) {
    const client = producerAt(state, action.producer);
    return {
      ...withProducer(state, action.producer, {
        ...client,
        producerId: state.nextProducerId,
        producerEpoch: 0,
      }),
      nextProducerId: state.nextProducerId + 1,
    };
  },
  tell: (_config, _before, a, after) => ({
    actor: `producer ${a.producer}`,
    message: `InitProducerId: gets PID ${after.producers[a.producer]!.producerId}, epoch 0`,
  }),
};
