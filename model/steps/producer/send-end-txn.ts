/**
 * Once everything of the transaction is flushed (every batch answered), the client ends it with
 * EndTxn(commit) or EndTxn(abort). A transaction that never added a partition ends locally, with
 * no request, as Kafka's client does.
 */
import { producerAt } from '../../producer/bookkeeping.ts';
import { endAttempt, withClientTransaction } from '../../transactions/client.ts';
import { askCoordinator, flushed, mayAskCoordinator } from '../../transactions/client-requests.ts';
import { abortWaitsForInFlight } from '../../variants.ts';
import { perProducer, type StepModule } from '../step.ts';

export interface SendEndTxnAction {
  readonly type: 'SendEndTxn';
  readonly producer: number;
}

export const sendEndTxn: StepModule<SendEndTxnAction> = {
  type: 'SendEndTxn',
  actor: 'producer',
  fields: { producer: 'producer' },
  alwaysOn: true,
  candidates: (config) =>
    config.transactionalId === null
      ? []
      : perProducer(config, (producer) => ({ type: 'SendEndTxn', producer })),
  guard(config, state, action) {
    if (!mayAskCoordinator(state, action.producer)) return false;
    const client = producerAt(state, action.producer);
    const t = client.transaction!.state;
    if (t === 'CommittingTransaction') return flushed(client);
    return t === 'AbortingTransaction' && flushed(client, abortWaitsForInFlight(config));
  },
  effect(_config, state, action) {
    const client = producerAt(state, action.producer);
    const t = client.transaction!;
    const commit = t.state === 'CommittingTransaction';
    if (t.added === 0) {
      const ended = endAttempt(state, action.producer, t.attempt, commit ? 'committed' : 'aborted');
      return withClientTransaction(ended, action.producer, (c) => ({ ...c, state: 'Ready', attempt: -1 }));
    }
    return askCoordinator(state, action.producer, {
      kind: 'EndTxn',
      producerId: client.producerId!,
      producerEpoch: client.producerEpoch,
      commit,
    });
  },
  tell: (_config, before, a, after) => {
    const t = before.producers[a.producer]!.transaction!;
    const what = t.state === 'CommittingTransaction' ? 'commit' : 'abort';
    return {
      actor: `producer ${a.producer}`,
      message:
        t.added === 0
          ? `ends the transaction (${what}) locally: it never added a partition`
          : `sends EndTxn(${what}) to its coordinator, broker ${after.producers[a.producer]!.transaction!.awaiting}`,
    };
  },
};
