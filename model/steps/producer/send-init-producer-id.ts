/**
 * initTransactions(): the transactional producer sends InitProducerId for its transactional.id
 * to its transaction coordinator. After an abort that left a sequence gap, the client sends it
 * again to bump its epoch (KIP-360).
 */
import { producerAt } from '../../producer/bookkeeping.ts';
import { withClientTransaction } from '../../transactions/client.ts';
import { askCoordinator, mayAskCoordinator } from '../../transactions/client-requests.ts';
import { perProducer, type StepModule } from '../step.ts';

export interface SendInitProducerIdAction {
  readonly type: 'SendInitProducerId';
  readonly producer: number;
}

export const sendInitProducerId: StepModule<SendInitProducerIdAction> = {
  type: 'SendInitProducerId',
  actor: 'producer',
  fields: { producer: 'producer' },
  footprint: {
    reads: ['connections[producer][*].requestsLost', 'producers[producer].status'],
    writes: ['connections[producer][*].requests', 'producers[producer].transaction'],
  },
  alwaysOn: true,
  candidates: (config) =>
    config.transactionalId === null
      ? []
      : perProducer(config, (producer) => ({ type: 'SendInitProducerId', producer })),
  guard(_config, state, action) {
    const t = producerAt(state, action.producer).transaction;
    return (
      mayAskCoordinator(state, action.producer) &&
      (t!.state === 'Uninitialized' || t!.state === 'Initializing')
    );
  },
  effect(_config, state, action) {
    const initializing = withClientTransaction(state, action.producer, (t) => ({
      ...t,
      state: 'Initializing',
    }));
    return askCoordinator(initializing, action.producer, { kind: 'InitProducerId' });
  },
  tell: (config, _before, a, after) => ({
    actor: `producer ${a.producer}`,
    message: `sends InitProducerId(transactional.id ${config.transactionalId}-${a.producer}) to its coordinator, broker ${after.producers[a.producer]!.transaction!.awaiting}`,
  }),
};
