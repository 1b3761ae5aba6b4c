/**
 * The instance has sent its batch's outputs and calls sendOffsetsToTransaction(offsets,
 * groupMetadata): its producer first adds the group's offsets partition to the transaction with
 * AddOffsetsToTxn to its transaction coordinator; TxnOffsetCommit to the group coordinator follows
 * the answer. A retriable answer (NOT_COORDINATOR, CONCURRENT_TRANSACTIONS) sends it again.
 */
import { producerOfInstance } from '../../config.ts';
import { instanceAt } from '../../group/group.ts';
import { outputProducerOf } from '../../group/output.ts';
import { askCoordinator, mayAskCoordinator } from '../../transactions/client-requests.ts';
import { perConsumer, type StepModule } from '../step.ts';

export interface SendAddOffsetsToTxnAction {
  readonly type: 'SendAddOffsetsToTxn';
  readonly consumer: number;
}

export const sendAddOffsetsToTxn: StepModule<SendAddOffsetsToTxnAction> = {
  type: 'SendAddOffsetsToTxn',
  actor: 'producer',
  fields: { consumer: 'consumer' },
  footprint: {
    reads: [
      'connections[*][*].requestsLost',
      'pipeline.instances',
      'producers[*].producerEpoch',
      'producers[*].producerId',
      'producers[*].status',
    ],
    writes: ['connections[*][*].requests', 'producers[*].transaction'],
  },
  candidates: (config) =>
    config.pipeline?.commit !== 'transactional'
      ? []
      : perConsumer(config, (consumer) => ({ type: 'SendAddOffsetsToTxn', consumer })),
  guard(config, state, a) {
    const i = instanceAt(state, a.consumer);
    if (i.status !== 'running' || i.stage !== 'add-offsets') return false;
    const producer = producerOfInstance(config, a.consumer);
    return (
      mayAskCoordinator(state, producer) &&
      outputProducerOf(config, state, a.consumer).transaction?.state === 'InTransaction'
    );
  },
  effect(config, state, a) {
    const client = outputProducerOf(config, state, a.consumer);
    return askCoordinator(state, producerOfInstance(config, a.consumer), {
      kind: 'AddOffsetsToTxn',
      producerId: client.producerId!,
      producerEpoch: client.producerEpoch,
    });
  },
  tell: (config, _before, a, after) => {
    const producer = producerOfInstance(config, a.consumer);
    return {
      actor: `instance ${a.consumer}`,
      message: `calls sendOffsetsToTransaction(): producer ${producer} sends AddOffsetsToTxn(epoch ${after.producers[producer]!.producerEpoch}) to its coordinator, broker ${after.producers[producer]!.transaction!.awaiting}`,
    };
  },
};
