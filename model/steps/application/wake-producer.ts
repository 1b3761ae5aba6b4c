/**
 * A stalled producer wakes and carries on where it stopped, unaware that time passed: if the
 * coordinator aborted its transaction meanwhile, it is now a zombie whose epoch is fenced.
 */
import { producerAt, withProducer } from '../../producer/bookkeeping.ts';
import { perWorkloadProducer, type StepModule } from '../step.ts';

export interface WakeProducerAction {
  readonly type: 'WakeProducer';
  readonly producer: number;
}

export const wakeProducer: StepModule<WakeProducerAction> = {
  type: 'WakeProducer',
  actor: 'application',
  fields: { producer: 'producer' },
  footprint: {
    reads: [],
    writes: ['producers[producer].status'],
  },
  candidates: (config) =>
    config.transactionalId === null
      ? []
      : perWorkloadProducer(config, (producer) => ({ type: 'WakeProducer', producer })),
  guard: (_config, state, action) => producerAt(state, action.producer).status === 'stalled',
  effect: (_config, state, action) =>
    withProducer(state, action.producer, { ...producerAt(state, action.producer), status: 'running' }),
  tell: (_config, before, a) => {
    const epoch = before.producers[a.producer]!.producerEpoch;
    const current = before.transactions[a.producer]!.producerEpoch;
    return {
      actor: `application ${a.producer}`,
      message:
        current > epoch
          ? `wakes as a zombie: it still holds epoch ${epoch}, the coordinator is at ${current}`
          : 'wakes and carries on with its transaction',
    };
  },
};
