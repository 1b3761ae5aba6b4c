/**
 * transaction.timeout.ms passes for an Ongoing transaction whose producer is not working on it
 * (stalled, crashed, or moved on): the coordinator aborts it itself (Kafka's abortTimedOutTransactions), bumping the
 * producer epoch first (PrepareEpochFence), so the stalled instance is fenced when it wakes.
 */
import { isUp } from '../../cluster.ts';
import type { Producer } from '../../state.ts';
import { fenceAndAbort, transactionAt, withTransaction } from '../../transactions/metadata.ts';
import { perProducer, type StepModule } from '../step.ts';

export interface AbortTimedOutTransactionAction {
  readonly type: 'AbortTimedOutTransaction';
  readonly producer: number;
}

/**
 * Whether the client is busy with a transaction of its own and would end it in time. A stalled or
 * dead one is not, nor one that has moved on (a delayed request reopened a transaction it had ended).
 */
function working(client: Producer): boolean {
  const t = client.transaction?.state;
  return (
    client.status === 'running' &&
    (t === 'InTransaction' ||
      t === 'CommittingTransaction' ||
      t === 'AbortingTransaction' ||
      t === 'AbortableError')
  );
}

export const abortTimedOutTransaction: StepModule<AbortTimedOutTransactionAction> = {
  type: 'AbortTimedOutTransaction',
  actor: 'coordinator',
  fields: { producer: 'producer' },
  footprint: {
    reads: [
      'brokers[*].up',
      'producers[producer].status',
      'producers[producer].transaction',
      'transactions[producer].coordinator',
      'transactions[producer].partitions',
    ],
    writes: [
      'transactions[producer].groupOffsets',
      'transactions[producer].pendingMarkers',
      'transactions[producer].producerEpoch',
      'transactions[producer].state',
    ],
  },
  candidates: (config) =>
    config.transactionalId === null
      ? []
      : perProducer(config, (producer) => ({ type: 'AbortTimedOutTransaction', producer })),
  guard(_config, state, a) {
    const t = transactionAt(state, a.producer);
    return t.state === 'Ongoing' && isUp(state, t.coordinator) && !working(state.producers[a.producer]!);
  },
  effect: (_config, state, a) =>
    withTransaction(state, a.producer, fenceAndAbort(transactionAt(state, a.producer))),
  tell(config, before, a) {
    const t = transactionAt(before, a.producer);
    return {
      actor: `coordinator on broker ${t.coordinator}`,
      message: `transaction.timeout.ms (${config.transactionTimeoutMs} ms) passes for PID ${t.producerId}'s Ongoing transaction: PrepareEpochFence bumps the epoch to ${t.producerEpoch + 1}, then PrepareAbort`,
    };
  },
};
