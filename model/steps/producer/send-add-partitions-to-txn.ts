/**
 * Before a transaction's first batch to a partition leaves, the client adds the partition to the
 * transaction with AddPartitionsToTxn (transaction version 1; under version 2 the leader does it).
 */
import { producerAt } from '../../producer/bookkeeping.ts';
import { askCoordinator, mayAskCoordinator, partitionsToAdd } from '../../transactions/client-requests.ts';
import { partitionsOf } from '../../transactions/metadata.ts';
import { transactionProtocol } from '../../variants.ts';
import { perProducer, type StepModule } from '../step.ts';

export interface SendAddPartitionsToTxnAction {
  readonly type: 'SendAddPartitionsToTxn';
  readonly producer: number;
}

export const sendAddPartitionsToTxn: StepModule<SendAddPartitionsToTxnAction> = {
  type: 'SendAddPartitionsToTxn',
  actor: 'producer',
  fields: { producer: 'producer' },
  footprint: {
    reads: [
      'connections[producer][*].requestsLost',
      'producers[producer].partitions',
      'producers[producer].producerEpoch',
      'producers[producer].producerId',
      'producers[producer].status',
    ],
    writes: ['connections[producer][*].requests', 'producers[producer].transaction'],
  },
  alwaysOn: true,
  candidates: (config) =>
    config.transactionalId === null || transactionProtocol(config).implicitAddPartitions
      ? []
      : perProducer(config, (producer) => ({ type: 'SendAddPartitionsToTxn', producer })),
  guard(_config, state, action) {
    if (!mayAskCoordinator(state, action.producer)) return false;
    const client = producerAt(state, action.producer);
    const t = client.transaction!.state;
    return (t === 'InTransaction' || t === 'CommittingTransaction') && partitionsToAdd(client) !== 0;
  },
  effect(_config, state, action) {
    const client = producerAt(state, action.producer);
    return askCoordinator(state, action.producer, {
      kind: 'AddPartitionsToTxn',
      producerId: client.producerId!,
      producerEpoch: client.producerEpoch,
      partitions: partitionsToAdd(client),
    });
  },
  tell: (_config, before, a, after) => ({
    actor: `producer ${a.producer}`,
    message: `sends AddPartitionsToTxn(partitions ${partitionsOf(partitionsToAdd(before.producers[a.producer]!)).join(', ')}) to its coordinator, broker ${after.producers[a.producer]!.transaction!.awaiting}`,
  }),
};
