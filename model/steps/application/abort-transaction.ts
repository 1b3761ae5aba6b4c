/**
 * The application calls abortTransaction(): by its own decision once it has sent the
 * transaction's records, instead of committing (a fault the search spends), or
 * because the transaction hit an abortable error (Kafka's documented pattern: abort, then retry
 * the transaction). The client fails every batch it has not sent yet with
 * TransactionAbortedException, waits for the requests still in flight, then sends EndTxn(abort).
 * After an abortable error the application sends the transaction's records again; after an abort
 * of its own it moves on to its next transaction.
 */
import { instanceOfProducer } from '../../config.ts';
import { instanceAt } from '../../group/group.ts';
import { producerAt, settleSends, withProducer } from '../../producer/bookkeeping.ts';
import type { Producer, ProducerPartition, State } from '../../state.ts';
import { currentBlock } from '../../transactions/client.ts';
import { abortWaitsForInFlight } from '../../variants.ts';
import { perProducer, type StepModule } from '../step.ts';

export interface AbortTransactionAction {
  readonly type: 'AbortTransaction';
  readonly producer: number;
}

/**
 * Kafka's abortUndrainedBatches: a dropped batch that already had sequences leaves a gap, which
 * Kafka 3.9's client bumps the epoch past once the abort completes; the older client did not.
 */
function dropUndrained(pp: ProducerPartition, bumpPastGaps: boolean): ProducerPartition {
  if (pp.accumulator.length === 0) return pp;
  const gap = bumpPastGaps && pp.accumulator.some((b) => b.baseSequence >= 0);
  return { ...pp, accumulator: [], rewriteSequences: pp.rewriteSequences || gap };
}

export const abortTransaction: StepModule<AbortTransactionAction> = {
  type: 'AbortTransaction',
  actor: 'application',
  fields: { producer: 'producer' },
  footprint: {
    reads: ['producers[producer].status'],
    writes: [
      'faultsUsed.abort',
      'producers[producer].inFlight',
      'producers[producer].nextRecord',
      'producers[producer].partitions',
      'producers[producer].transaction',
      'sends[producer]',
    ],
  },
  fault: {
    budget: () => 'abort',
    // An abort after an abortable error is the application following the protocol, not a fault.
    when: (state, a) => state.producers[a.producer]!.transaction?.state !== 'AbortableError',
    // As often as a crash: the application's alternative to commitTransaction().
    weight: 3,
  },
  candidates: (config) =>
    config.transactionalId === null
      ? []
      : perProducer(config, (producer) => ({ type: 'AbortTransaction', producer })),
  guard(config, state, action) {
    const client = producerAt(state, action.producer);
    const t = client.transaction?.state;
    if (client.status !== 'running') return false;
    if (t === 'AbortableError') return true;
    // An application instance may abort where it would commit.
    const consumer = instanceOfProducer(config, action.producer);
    if (consumer >= 0) return t === 'InTransaction' && instanceAt(state, consumer).stage === 'commit-txn';
    // The application decides at the end of the transaction, where it would otherwise commit.
    return t === 'InTransaction' && client.nextRecord === currentBlock(config, client).end;
  },
  effect(config, state, action) {
    const client = producerAt(state, action.producer);
    const wait = abortWaitsForInFlight(config);
    const undrained = client.partitions.flatMap((pp) => pp.accumulator.flatMap((b) => b.records));
    // The older client fails its in-flight batches too, and ignores their late answers.
    const inFlight = wait
      ? []
      : client.inFlight.flatMap((row) => row.filter((f) => !f.expired).flatMap((f) => f.batch.records));
    const block = currentBlock(config, client);
    const aborted: Producer = {
      ...client,
      inFlight: wait
        ? client.inFlight
        : client.inFlight.map((row) => row.map((f) => ({ ...f, expired: true }))),
      // After an abortable error the application retries the transaction; an abort it decided
      // on drops the transaction's records and moves on to the next.
      nextRecord:
        instanceOfProducer(config, action.producer) >= 0
          ? client.nextRecord
          : client.transaction!.state === 'AbortableError'
            ? block.first
            : block.end,
      partitions: client.partitions.map((pp) => dropUndrained(pp, wait)),
      transaction: { ...client.transaction!, state: 'AbortingTransaction' },
    };
    const next: State = withProducer(state, action.producer, aborted);
    return settleSends(next, [...undrained, ...inFlight], () => ({
      status: 'failed',
      error: 'TransactionAborted',
    }));
  },
  tell: (config, before, a) => {
    const client = before.producers[a.producer]!;
    const consumer = instanceOfProducer(config, a.producer);
    if (consumer >= 0) {
      const why =
        client.transaction?.state === 'AbortableError' ? 'after an abortable error' : 'by its own decision';
      return {
        actor: `instance ${consumer}`,
        message: `calls abortTransaction() on producer ${a.producer} ${why}; it will rewind to the committed offsets and process the records again`,
      };
    }
    const block = currentBlock(config, client);
    const why =
      client.transaction?.state === 'AbortableError' ? 'after an abortable error' : 'by its own decision';
    return {
      actor: `application ${a.producer}`,
      message: `calls abortTransaction() ${why} for records ${block.first}..${block.end - 1}; unsent batches fail${client.transaction?.state === 'AbortableError' ? ', and it will send them again in a new transaction' : ''}`,
    };
  },
};
