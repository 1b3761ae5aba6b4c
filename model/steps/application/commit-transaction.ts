/**
 * The application has sent every record of its transaction and calls commitTransaction(): the
 * client flushes what is left and then ends the transaction with EndTxn(commit). Swarm testing
 * may hold it back for a while (an application slow to commit), which opens the window in which
 * it may decide to abort instead.
 */
import { instanceOfProducer } from '../../config.ts';
import { instanceAt } from '../../group/group.ts';
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
  footprint: {
    reads: ['pipeline.instances', 'producers[producer].nextRecord', 'producers[producer].status'],
    writes: ['producers[producer].transaction'],
  },
  candidates: (config) =>
    config.transactionalId === null
      ? []
      : perProducer(config, (producer) => ({ type: 'CommitTransaction', producer })),
  guard(config, state, action) {
    const client = producerAt(state, action.producer);
    if (client.status !== 'running' || client.transaction?.state !== 'InTransaction') return false;
    // An application instance commits once its offsets are in the transaction.
    const consumer = instanceOfProducer(config, action.producer);
    if (consumer >= 0) return instanceAt(state, consumer).stage === 'commit-txn';
    return client.nextRecord === currentBlock(config, client).end;
  },
  effect: (_config, state, action) =>
    withClientTransaction(state, action.producer, (t) => ({ ...t, state: 'CommittingTransaction' })),
  tell: (config, before, a) => {
    const consumer = instanceOfProducer(config, a.producer);
    if (consumer >= 0) {
      return {
        actor: `instance ${consumer}`,
        message: `calls commitTransaction() on producer ${a.producer}: it flushes its outputs, then sends EndTxn(commit)`,
      };
    }
    const block = currentBlock(config, before.producers[a.producer]!);
    return {
      actor: `application ${a.producer}`,
      message: `calls commitTransaction() for records ${block.first}..${block.end - 1}: the client flushes, then sends EndTxn(commit)`,
    };
  },
};
