/** The network drops the oldest unread request of a connection; nothing written after it arrives either. */
import { connectionOf, withConnection } from '../../connection.ts';
import { perConnection, type StepModule } from '../step.ts';

export interface LoseRequestAction {
  readonly type: 'LoseRequest';
  readonly producer: number;
  readonly broker: number;
}

export const loseRequest: StepModule<LoseRequestAction> = {
  type: 'LoseRequest',
  actor: 'network',
  fields: { producer: 'producer', broker: 'broker' },
  footprint: {
    reads: [],
    writes: [
      'connections[producer][broker].requests',
      'connections[producer][broker].requestsLost',
      'faultsUsed.network',
    ],
  },
  fault: { budget: () => 'network' },
  candidates: (config) =>
    perConnection(config, (producer, broker) => ({ type: 'LoseRequest', producer, broker })),
  guard: (_config, state, a) => connectionOf(state, a.producer, a.broker).requests.length > 0,
  effect(_config, state, a) {
    const connection = connectionOf(state, a.producer, a.broker);
    return withConnection(state, a.producer, a.broker, { ...connection, requests: [], requestsLost: true });
  },
  tell: (_config, _before, a) => ({
    actor: 'network',
    message: `loses the request from producer ${a.producer} to broker ${a.broker}; the connection stalls`,
  }),
};
