/** The transactional producer reads its coordinator's EndTxn answer (transactions/client-responses.ts). */
import { producerAt } from '../../producer/bookkeeping.ts';
import type { CoordinatorResponse } from '../../state.ts';
import { coordinatorAnswered } from '../../transactions/client-responses.ts';
import { answerWords } from '../coordinator-handler.ts';
import { perConnection, type StepModule } from '../step.ts';

export interface HandleEndTxnResponseAction {
  readonly type: 'HandleEndTxnResponse';
  readonly producer: number;
  readonly broker: number;
}

export const handleEndTxnResponse: StepModule<HandleEndTxnResponseAction> = {
  type: 'HandleEndTxnResponse',
  actor: 'producer',
  fields: { producer: 'producer', broker: 'broker' },
  candidates: (config) =>
    config.transactionalId === null
      ? []
      : perConnection(config, (producer, broker) => ({ type: 'HandleEndTxnResponse', producer, broker })),
  guard: (_config, state, a) =>
    producerAt(state, a.producer).status === 'running' &&
    state.connections[a.producer]![a.broker]!.responses[0]?.kind === 'EndTxn',
  effect: (config, state, a) => coordinatorAnswered(config, state, a.producer, a.broker),
  tell(_config, before, a, after) {
    const response = before.connections[a.producer]![a.broker]!.responses[0] as CoordinatorResponse;
    const t = after.producers[a.producer]!.transaction;
    return {
      actor: `producer ${a.producer}`,
      message: `reads the EndTxn answer: ${answerWords(response).replace('answers ', '')}${t === null || after.producers[a.producer]!.status === 'crashed' ? '; the instance is fenced and closes' : `; now ${t.state}`}`,
    };
  },
};
