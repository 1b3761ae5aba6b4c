/** The network drops the oldest unread response of a connection; nothing the broker writes after it arrives either. */
import { connectionOf, withConnection } from '../../connection.ts';
import { perConnection, type StepModule } from '../step.ts';

export interface LoseResponseAction {
  readonly type: 'LoseResponse';
  readonly producer: number;
  readonly broker: number;
}

export const loseResponse: StepModule<LoseResponseAction> = {
  type: 'LoseResponse',
  actor: 'network',
  fields: { producer: 'producer', broker: 'broker' },
  footprint: {
    reads: [],
    writes: ['connections[producer][broker].responsesLost', 'faultsUsed.network'],
  },
  fault: { budget: () => 'network' },
  candidates: (config) =>
    perConnection(config, (producer, broker) => ({ type: 'LoseResponse', producer, broker })),
  guard: (_config, state, a) => connectionOf(state, a.producer, a.broker).responses.length > 0,
  effect(_config, state, a) {
    const connection = connectionOf(state, a.producer, a.broker);
    return withConnection(state, a.producer, a.broker, { ...connection, responses: [], responsesLost: true });
  },
  tell: (_config, _before, a) => ({
    actor: 'network',
    message: `loses the answer from broker ${a.broker} to producer ${a.producer}; the connection stalls`,
  }),
};
