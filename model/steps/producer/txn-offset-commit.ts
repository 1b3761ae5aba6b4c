/**
 * AddOffsetsToTxn answered, the instance's producer sends TxnOffsetCommit with the consumed
 * offsets (and, with the consumer's group metadata, its member id and generation) to the group
 * coordinator, which keeps them pending until the transaction's marker (group/txn-offsets.ts).
 * A fenced producer is closed with its instance; CommitFailedException or FencedInstanceIdException
 * leaves the transaction to abort, and the consumer joins again.
 */
import { inputPartitionCount, producerOfInstance } from '../../config.ts';
import { coordinatorUp, instanceAt, withInstance } from '../../group/group.ts';
import { afterCommitFailure, consumedOffsets, exceptionOf } from '../../group/offsets.ts';
import { outputProducerOf } from '../../group/output.ts';
import { storePendingOffsets, txnOffsetCommitError } from '../../group/txn-offsets.ts';
import { producerAt, withProducer } from '../../producer/bookkeeping.ts';
import { fencedInstance } from '../../transactions/client.ts';
import { perConsumer, type StepModule } from '../step.ts';

export interface TxnOffsetCommitAction {
  readonly type: 'TxnOffsetCommit';
  readonly consumer: number;
}

export const txnOffsetCommit: StepModule<TxnOffsetCommitAction> = {
  type: 'TxnOffsetCommit',
  actor: 'producer',
  fields: { consumer: 'consumer' },
  footprint: {
    reads: [],
    // A fenced instance closes its producer, connections and consumer (fencedInstance).
    writes: ['pipeline', 'producers[*]', 'attempts[*]', 'connections[*][*]'],
  },
  candidates: (config) =>
    config.pipeline?.commit !== 'transactional'
      ? []
      : perConsumer(config, (consumer) => ({ type: 'TxnOffsetCommit', consumer })),
  guard(config, state, a) {
    const i = instanceAt(state, a.consumer);
    if (i.status !== 'running' || i.stage !== 'txn-offset-commit' || !coordinatorUp(state)) return false;
    const client = outputProducerOf(config, state, a.consumer);
    return client.status === 'running' && client.transaction?.state === 'InTransaction';
  },
  effect(config, state, a) {
    const error = txnOffsetCommitError(config, state, a.consumer);
    const producer = producerOfInstance(config, a.consumer);
    if (error === 'ProducerFenced') return fencedInstance(config, state, producer);
    const i = instanceAt(state, a.consumer);
    if (error !== null) {
      const client = producerAt(state, producer);
      const failed = withProducer(state, producer, {
        ...client,
        transaction: { ...client.transaction!, state: 'AbortableError' },
      });
      if (error === 'TransactionAbortable') return failed;
      return withInstance(failed, a.consumer, afterCommitFailure(i, error));
    }
    return withInstance(storePendingOffsets(config, state, a.consumer), a.consumer, {
      ...i,
      stage: 'commit-txn',
    });
  },
  tell(config, before, a) {
    const error = txnOffsetCommitError(config, before, a.consumer);
    const i = instanceAt(before, a.consumer);
    const offsets = consumedOffsets(i, inputPartitionCount(config))
      .map(([p, o]) => `partition ${p} at ${o}`)
      .join(', ');
    const client = outputProducerOf(config, before, a.consumer);
    const request = `TxnOffsetCommit(PID ${client.producerId}, epoch ${client.producerEpoch}, generation ${config.pipeline!.sendOffsets === 'group-metadata' ? i.generation : -1}): ${offsets}`;
    const message =
      error === null
        ? `${request}; the group coordinator keeps them pending until the transaction ends`
        : error === 'ProducerFenced'
          ? `${request}; answered INVALID_PRODUCER_EPOCH: ProducerFencedException, the instance closes`
          : error === 'TransactionAbortable'
            ? `${request}; answered TRANSACTION_ABORTABLE: the offsets are not in the ongoing transaction, which must abort`
            : `${request}; answered ${error}: ${exceptionOf(error)}, the transaction must abort`;
    return { actor: `producer ${producerOfInstance(config, a.consumer)}`, message };
  },
};
