/**
 * The application calls abortTransaction(): by its own decision (a fault the search spends), or
 * because the transaction hit an abortable error (Kafka's documented pattern: abort, then retry
 * the transaction). The client fails every batch it has not sent yet with
 * TransactionAbortedException, waits for the requests still in flight, then sends EndTxn(abort).
 * The application will send the transaction's records again.
 */
import { producerAt, settleSends, withProducer } from '../../producer/bookkeeping.ts';
import type { Producer, ProducerPartition, State } from '../../state.ts';
import { currentBlock } from '../../transactions/client.ts';
import { perProducer, type StepModule } from '../step.ts';

export interface AbortTransactionAction {
  readonly type: 'AbortTransaction';
  readonly producer: number;
}

/** Kafka's abortUndrainedBatches: a dropped batch that already had sequences leaves a gap to bump past. */
function dropUndrained(pp: ProducerPartition): ProducerPartition {
  if (pp.accumulator.length === 0) return pp;
  const gap = pp.accumulator.some((b) => b.baseSequence >= 0);
  return { ...pp, accumulator: [], rewriteSequences: pp.rewriteSequences || gap };
}

export const abortTransaction: StepModule<AbortTransactionAction> = {
  type: 'AbortTransaction',
  actor: 'application',
  fields: { producer: 'producer' },
  fault: {
    budget: () => 'abort',
    // An abort after an abortable error is the application following the protocol, not a fault.
    when: (state, a) => state.producers[a.producer]!.transaction?.state !== 'AbortableError',
  },
  candidates: (config) =>
    config.transactionalId === null
      ? []
      : perProducer(config, (producer) => ({ type: 'AbortTransaction', producer })),
  guard(_config, state, action) {
    const client = producerAt(state, action.producer);
    const t = client.transaction?.state;
    return client.status === 'running' && (t === 'InTransaction' || t === 'AbortableError');
  },
  effect(config, state, action) {
    const client = producerAt(state, action.producer);
    const undrained = client.partitions.flatMap((pp) => pp.accumulator.flatMap((b) => b.records));
    const block = currentBlock(config, client);
    const aborted: Producer = {
      ...client,
      nextRecord: block.first,
      partitions: client.partitions.map(dropUndrained),
      transaction: { ...client.transaction!, state: 'AbortingTransaction' },
    };
    const next: State = withProducer(state, action.producer, aborted);
    return settleSends(next, undrained, () => ({ status: 'failed', error: 'TransactionAborted' }));
  },
  tell: (config, before, a) => {
    const client = before.producers[a.producer]!;
    const block = currentBlock(config, client);
    const why =
      client.transaction?.state === 'AbortableError' ? 'after an abortable error' : 'by its own decision';
    return {
      actor: `application ${a.producer}`,
      message: `calls abortTransaction() ${why} for records ${block.first}..${block.end - 1}; unsent batches fail, and it will send them again in a new transaction`,
    };
  },
};
