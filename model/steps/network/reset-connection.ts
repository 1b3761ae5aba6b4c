/**
 * The connection resets: both ends drop what they had not processed, and every request the
 * client awaited fails with a NetworkException, which it retries. Resetting the connection to a
 * dead broker is how the client notices the death: then it is no fault and spends no budget.
 */

import { awaitsAnswer, disconnected } from '../../clients.ts';
import { isUp } from '../../cluster.ts';
import { connectionOf, withConnection } from '../../connection.ts';
import { emptyConnection } from '../../state.ts';
import { perConnection, type StepModule } from '../step.ts';

export interface ResetConnectionAction {
  readonly type: 'ResetConnection';
  readonly producer: number;
  readonly broker: number;
}

export const resetConnection: StepModule<ResetConnectionAction> = {
  type: 'ResetConnection',
  actor: 'network',
  fields: { producer: 'producer', broker: 'broker' },
  footprint: {
    reads: ['producers[producer].status'],
    writes: [
      'connections[producer][broker]',
      'faultsUsed.network',
      'producers[producer].inFlight',
      'producers[producer].partitions',
      'producers[producer].transaction',
    ],
  },
  fault: { budget: () => 'network', when: (state, a) => isUp(state, a.broker) },
  candidates: (config) =>
    perConnection(config, (producer, broker) => ({ type: 'ResetConnection', producer, broker })),
  guard: (_config, state, a) => awaitsAnswer(state, a.producer, a.broker),
  effect(config, state, a) {
    const connection = connectionOf(state, a.producer, a.broker);
    const cleared = withConnection(state, a.producer, a.broker, {
      ...emptyConnection,
      orphans: connection.orphans,
    });
    return disconnected(config, cleared, a.producer, a.broker, 'NetworkException');
  },
  tell: (_config, before, a) => ({
    actor: `producer ${a.producer}`,
    message: before.brokers[a.broker]!.up
      ? `sees its connection to broker ${a.broker} reset; what it had in flight fails with NetworkException`
      : `notices broker ${a.broker} is gone; what it had in flight there fails`,
  }),
};
