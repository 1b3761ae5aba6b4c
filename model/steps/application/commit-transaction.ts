/**
 * The application has sent every record of its transaction and calls commitTransaction(): the
 * client flushes what is left and then ends the transaction with EndTxn(commit). Swarm testing
 * may hold it back for a while (an application slow to commit), which opens the window in which
 * it may decide to abort instead.
 */
import { producerAt } from '../../producer/bookkeeping.ts';
import { currentBlock, withClientTransaction } from '../../transactions/client.ts';
import { perProducer, type StepModule } from '../step.ts';

export interface CommitTransactionAction {
  readonly type: 'CommitTransaction';
  readonly producer: number;
}

export const commitTransaction: StepModule<CommitTransactionAction> = {
  type: 'CommitTransaction',
  actor: 'application',
  fields: { producer: 'producer' },
  candidates: (config) =>
    config.transactionalId === null
      ? []
      : perProducer(config, (producer) => ({ type: 'CommitTransaction', producer })),
  guard(config, state, action) {
    const client = producerAt(state, action.producer);
    return (
      client.status === 'running' &&
      client.transaction?.state === 'InTransaction' &&
      client.nextRecord === currentBlock(config, client).end
    );
  },
  effect: (_config, state, action) =>
    withClientTransaction(state, action.producer, (t) => ({ ...t, state: 'CommittingTransaction' })),
  tell: (config, before, a) => {
    const block = currentBlock(config, before.producers[a.producer]!);
    return {
      actor: `application ${a.producer}`,
      message: `calls commitTransaction() for records ${block.first}..${block.end - 1}: the client flushes, then sends EndTxn(commit)`,
    };
  },
};
