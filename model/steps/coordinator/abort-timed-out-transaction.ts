/**
 * transaction.timeout.ms passes for an Ongoing transaction whose producer stopped (stalled or
 * crashed): the coordinator aborts it itself (Kafka's abortTimedOutTransactions), bumping the
 * producer epoch first (PrepareEpochFence), so the stalled instance is fenced when it wakes.
 */
import { isUp } from '../../cluster.ts';
import { fenceAndAbort, transactionAt, withTransaction } from '../../transactions/metadata.ts';
import { perProducer, type StepModule } from '../step.ts';

export interface AbortTimedOutTransactionAction {
  readonly type: 'AbortTimedOutTransaction';
  readonly producer: number;
}

export const abortTimedOutTransaction: StepModule<AbortTimedOutTransactionAction> = {
  type: 'AbortTimedOutTransaction',
  actor: 'coordinator',
  fields: { producer: 'producer' },
  candidates: (config) =>
    config.transactionalId === null
      ? []
      : perProducer(config, (producer) => ({ type: 'AbortTimedOutTransaction', producer })),
  guard(_config, state, a) {
    const t = transactionAt(state, a.producer);
    return (
      t.state === 'Ongoing' && isUp(state, t.coordinator) && state.producers[a.producer]!.status !== 'running'
    );
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
