/**
 * Once everything of the transaction is flushed (every batch answered), the client ends it with
 * EndTxn(commit) or EndTxn(abort). A transaction that never added a partition ends locally, with
 * no request, as Kafka's client does; one that added the group's offsets (AddOffsetsToTxn) does not.
 */
import type { ModelConfig } from '../../config.ts';
import { offsetsAddedToTransaction, transactionEnded } from '../../group/output.ts';
import { producerAt } from '../../producer/bookkeeping.ts';
import type { State } from '../../state.ts';
import { endAttempt, withClientTransaction } from '../../transactions/client.ts';
import { askCoordinator, flushed, mayAskCoordinator } from '../../transactions/client-requests.ts';
import { abortWaitsForInFlight } from '../../variants.ts';
import { perProducer, type StepModule } from '../step.ts';

export interface SendEndTxnAction {
  readonly type: 'SendEndTxn';
  readonly producer: number;
}

/** Nothing reached the coordinator: no partition added, nor the group's offsets (AddOffsetsToTxn). */
function endsLocally(config: ModelConfig, state: State, producer: number): boolean {
  return (
    producerAt(state, producer).transaction!.added === 0 &&
    !offsetsAddedToTransaction(config, state, producer)
  );
}

export const sendEndTxn: StepModule<SendEndTxnAction> = {
  type: 'SendEndTxn',
  actor: 'producer',
  fields: { producer: 'producer' },
  footprint: {
    reads: [
      'connections[producer][*].requestsLost',
      'producers[producer].inFlight',
      'producers[producer].partitions',
      'producers[producer].producerEpoch',
      'producers[producer].producerId',
      'producers[producer].status',
      'sends[producer]',
    ],
    writes: ['attempts[producer]', 'connections[producer][*].requests', 'producers[producer].transaction'],
  },
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
  effect(config, state, action) {
    const client = producerAt(state, action.producer);
    const t = client.transaction!;
    const commit = t.state === 'CommittingTransaction';
    if (endsLocally(config, state, action.producer)) {
      const ended = endAttempt(state, action.producer, t.attempt, commit ? 'committed' : 'aborted');
      const ready = withClientTransaction(ended, action.producer, (c) => ({
        ...c,
        state: 'Ready',
        attempt: -1,
      }));
      return transactionEnded(config, ready, action.producer, commit);
    }
    return askCoordinator(state, action.producer, {
      kind: 'EndTxn',
      producerId: client.producerId!,
      producerEpoch: client.producerEpoch,
      commit,
    });
  },
  tell: (config, before, a, after) => {
    const t = before.producers[a.producer]!.transaction!;
    const what = t.state === 'CommittingTransaction' ? 'commit' : 'abort';
    return {
      actor: `producer ${a.producer}`,
      message: endsLocally(config, before, a.producer)
        ? `ends the transaction (${what}) locally: it never added a partition`
        : `sends EndTxn(${what}) to its coordinator, broker ${after.producers[a.producer]!.transaction!.awaiting}`,
    };
  },
};
