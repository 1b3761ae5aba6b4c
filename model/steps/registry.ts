/**
 * The registry: every protocol step of the model, in the fixed order `enabled` lists them (then by
 * actor ids, as each step's candidates come). A slot names a protocol variant; the configured
 * variant's module fills it (variants.ts). Adding a step is one module and one line here.
 */

import type { ModelConfig } from '../config.ts';
import { truncationVariants } from '../variants.ts';
import { abortTransaction } from './application/abort-transaction.ts';
import { closeConsumer } from './application/close-consumer.ts';
import { commitSync } from './application/commit-sync.ts';
import { commitTransaction } from './application/commit-transaction.ts';
import { crashConsumer } from './application/crash-consumer.ts';
import { crashProducer } from './application/crash-producer.ts';
import { pauseConsumer } from './application/pause-consumer.ts';
import { processRecord } from './application/process-record.ts';
import { restartConsumer } from './application/restart-consumer.ts';
import { restartProducer } from './application/restart-producer.ts';
import { send } from './application/send.ts';
import { stallProducer } from './application/stall-producer.ts';
import { wakeConsumer } from './application/wake-consumer.ts';
import { wakeProducer } from './application/wake-producer.ts';
import { crashBroker } from './broker/crash-broker.ts';
import { fetch } from './broker/fetch.ts';
import { handleProduce } from './broker/handle-produce.ts';
import { restartBroker } from './broker/restart-broker.ts';
import { shrinkIsr } from './broker/shrink-isr.ts';
import { autoCommit } from './consumer/auto-commit.ts';
import { consumerOffsetsForLeaderEpoch } from './consumer/consumer-offsets-for-leader-epoch.ts';
import { consumerPoll } from './consumer/consumer-poll.ts';
import { joinGroup } from './consumer/join-group.ts';
import { offsetFetch } from './consumer/offset-fetch.ts';
import { poll } from './consumer/poll.ts';
import { pollTimeout } from './consumer/poll-timeout.ts';
import { syncGroup } from './consumer/sync-group.ts';
import { electLeader } from './controller/elect-leader.ts';
import { abortTimedOutTransaction } from './coordinator/abort-timed-out-transaction.ts';
import { expireSession } from './coordinator/expire-session.ts';
import { handleAddOffsetsToTxn } from './coordinator/handle-add-offsets-to-txn.ts';
import { handleAddPartitionsToTxn } from './coordinator/handle-add-partitions-to-txn.ts';
import { handleEndTxn } from './coordinator/handle-end-txn.ts';
import { handleInitProducerId } from './coordinator/handle-init-producer-id.ts';
import { moveGroupCoordinator } from './coordinator/move-group-coordinator.ts';
import { moveTransactionCoordinator } from './coordinator/move-transaction-coordinator.ts';
import { writeGroupTxnMarker } from './coordinator/write-group-txn-marker.ts';
import { writeTxnMarkers } from './coordinator/write-txn-markers.ts';
import { loseRequest } from './network/lose-request.ts';
import { loseResponse } from './network/lose-response.ts';
import { requestTimeout } from './network/request-timeout.ts';
import { resetConnection } from './network/reset-connection.ts';
import { bumpProducerEpoch } from './producer/bump-producer-epoch.ts';
import { expireBatch } from './producer/expire-batch.ts';
import { handleAddOffsetsToTxnResponse } from './producer/handle-add-offsets-to-txn-response.ts';
import { handleAddPartitionsToTxnResponse } from './producer/handle-add-partitions-to-txn-response.ts';
import { handleEndTxnResponse } from './producer/handle-end-txn-response.ts';
import { handleInitProducerIdResponse } from './producer/handle-init-producer-id-response.ts';
import { handleProduceResponse } from './producer/handle-produce-response.ts';
import { initProducerId } from './producer/init-producer-id.ts';
import { sendAddOffsetsToTxn } from './producer/send-add-offsets-to-txn.ts';
import { sendAddPartitionsToTxn } from './producer/send-add-partitions-to-txn.ts';
import { sendEndTxn } from './producer/send-end-txn.ts';
import { sendInitProducerId } from './producer/send-init-producer-id.ts';
import { sendProduce } from './producer/send-produce.ts';
import { txnOffsetCommit } from './producer/txn-offset-commit.ts';
import type { StepModule } from './step.ts';

/** A place in the order that a protocol variant fills. */
interface Slot {
  readonly slot: 'truncation';
}

const order = [
  // The application and its producer client.
  send,
  commitTransaction,
  initProducerId,
  sendInitProducerId,
  sendAddPartitionsToTxn,
  sendProduce,
  sendEndTxn,
  sendAddOffsetsToTxn,
  // Brokers, transaction coordinators and the controller.
  handleProduce,
  handleInitProducerId,
  handleAddPartitionsToTxn,
  handleEndTxn,
  handleAddOffsetsToTxn,
  handleProduceResponse,
  handleInitProducerIdResponse,
  handleAddPartitionsToTxnResponse,
  handleEndTxnResponse,
  handleAddOffsetsToTxnResponse,
  bumpProducerEpoch,
  writeTxnMarkers,
  writeGroupTxnMarker,
  fetch,
  { slot: 'truncation' } satisfies Slot,
  electLeader,
  poll,
  // The consume-process-produce application and its group.
  joinGroup,
  syncGroup,
  offsetFetch,
  consumerOffsetsForLeaderEpoch,
  consumerPoll,
  autoCommit,
  commitSync,
  txnOffsetCommit,
  processRecord,
  expireSession,
  pollTimeout,
  restartConsumer,
  wakeConsumer,
  restartBroker,
  restartProducer,
  wakeProducer,
  abortTimedOutTransaction,
  // Faults, each bounded by the scenario's budget (an abort after an abortable error, and a
  // coordinator move away from a dead broker, are protocol steps).
  crashBroker,
  shrinkIsr,
  loseRequest,
  loseResponse,
  resetConnection,
  requestTimeout,
  expireBatch,
  crashProducer,
  abortTransaction,
  stallProducer,
  moveTransactionCoordinator,
  crashConsumer,
  pauseConsumer,
  closeConsumer,
  moveGroupCoordinator,
] as const;

type Entry = (typeof order)[number];
type Fill = (typeof truncationVariants)[keyof typeof truncationVariants]['fills'];
type Module = Exclude<Entry, Slot> | Fill;

/** Every action of the model: the union of every step module's action, variants included. */
export type Action = Module extends infer M ? (M extends StepModule<infer A> ? A : never) : never;

/** Any step module, seen through the model's action union (the machine routes by `type`). */
export type AnyStep = StepModule<Action>;

function isSlot(entry: Entry): entry is Slot & Entry {
  return 'slot' in entry;
}

const asAny = (module: StepModule<never>): AnyStep => module as unknown as AnyStep;

/** Every step module, each variant once, in registry order: what schemas and stories cover. */
export const allSteps: readonly AnyStep[] = order.flatMap((entry) =>
  isSlot(entry)
    ? Object.values(truncationVariants).map((v) => asAny(v.fills as StepModule<never>))
    : [asAny(entry as StepModule<never>)],
);

/** The steps one configuration runs, in the order `enabled` lists them. */
export function stepsFor(config: ModelConfig): readonly AnyStep[] {
  return order.map((entry) =>
    isSlot(entry)
      ? asAny(truncationVariants[config.variants.truncation].fills as StepModule<never>)
      : asAny(entry as StepModule<never>),
  );
}
