/**
 * The transaction coordinator's side of its requests, as Kafka's TransactionCoordinator answers
 * them: InitProducerId, AddPartitionsToTxn and EndTxn. A broker that no longer coordinates the
 * transactional.id answers NOT_COORDINATOR; a request of an older epoch is fenced; while a
 * transaction's markers are being written the answer is CONCURRENT_TRANSACTIONS, which the client
 * retries.
 */
import type { ModelConfig } from '../config.ts';
import type {
  AddOffsetsToTxnRequest,
  AddPartitionsToTxnRequest,
  CoordinatorRequest,
  CoordinatorResponse,
  EndTxnRequest,
  KafkaError,
  State,
  TransactionMetadata,
} from '../state.ts';
import { transactionProtocol } from '../variants.ts';
import { fenceAndAbort, isPreparing, prepare, transactionAt, withTransaction } from './metadata.ts';

export interface Handled {
  readonly state: State;
  readonly response: CoordinatorResponse;
}

function answer(
  state: State,
  request: CoordinatorRequest,
  error: KafkaError | 'None',
  t: TransactionMetadata | null = null,
): Handled {
  return {
    state,
    response: {
      kind: request.kind,
      error,
      producerId: t?.producerId ?? -1,
      producerEpoch: t?.producerEpoch ?? -1,
      partitions: error === 'None' && request.kind === 'AddPartitionsToTxn' ? request.partitions : 0,
    },
  };
}

/**
 * InitProducerId: the first call gets a PID at epoch 0; a later one bumps the epoch, which fences
 * every older instance. An Ongoing transaction is aborted first (PrepareEpochFence, then
 * PrepareAbort with the bumped epoch) and the client is told to retry until the abort completes.
 */
function initProducerId(state: State, producer: number, request: CoordinatorRequest): Handled {
  const t = transactionAt(state, producer);
  if (isPreparing(t)) return answer(state, request, 'ConcurrentTransactions');
  if (t.state === 'Ongoing') {
    return answer(withTransaction(state, producer, fenceAndAbort(t)), request, 'ConcurrentTransactions');
  }
  if (t.producerId < 0) {
    const fresh: TransactionMetadata = {
      ...t,
      producerId: state.nextProducerId,
      producerEpoch: 0,
      state: 'Empty',
    };
    const next = { ...withTransaction(state, producer, fresh), nextProducerId: state.nextProducerId + 1 };
    return answer(next, request, 'None', fresh);
  }
  const bumped: TransactionMetadata = {
    ...t,
    producerEpoch: t.producerEpoch + 1,
    state: 'Empty',
    partitions: 0,
  };
  return answer(withTransaction(state, producer, bumped), request, 'None', bumped);
}

/** The request's epoch against the coordinator's: older is fenced. */
function fenced(
  t: TransactionMetadata,
  request: AddPartitionsToTxnRequest | EndTxnRequest | AddOffsetsToTxnRequest,
): boolean {
  return request.producerId !== t.producerId || request.producerEpoch < t.producerEpoch;
}

function addPartitionsToTxn(state: State, producer: number, request: AddPartitionsToTxnRequest): Handled {
  const t = transactionAt(state, producer);
  if (fenced(t, request)) return answer(state, request, 'ProducerFenced');
  if (isPreparing(t)) return answer(state, request, 'ConcurrentTransactions');
  const added: TransactionMetadata = {
    ...t,
    state: 'Ongoing',
    partitions: t.partitions | request.partitions,
  };
  return answer(withTransaction(state, producer, added), request, 'None', added);
}

/**
 * AddOffsetsToTxn: the group's offsets partition joins the transaction, so its marker goes to the
 * group coordinator too, and TxnOffsetCommit may follow (Kafka's handleAddPartitionsToTransaction
 * with `__consumer_offsets`).
 */
function addOffsetsToTxn(state: State, producer: number, request: AddOffsetsToTxnRequest): Handled {
  const t = transactionAt(state, producer);
  if (fenced(t, request)) return answer(state, request, 'ProducerFenced');
  if (isPreparing(t)) return answer(state, request, 'ConcurrentTransactions');
  const added: TransactionMetadata = { ...t, state: 'Ongoing', groupOffsets: 'added' };
  return answer(withTransaction(state, producer, added), request, 'None', added);
}

/**
 * EndTxn: an Ongoing transaction moves to PrepareCommit or PrepareAbort, the point of no return,
 * and the client is answered before any marker is written. A retry of an EndTxn already
 * completed the same way succeeds. Under transaction version 2 the epoch is bumped here, and an
 * EndTxn of the previous epoch is a retry only if it matches the completed transaction.
 */
function endTxn(config: ModelConfig, state: State, producer: number, request: EndTxnRequest): Handled {
  const t = transactionAt(state, producer);
  const bump = transactionProtocol(config).bumpEpochOnEndTxn;
  const completed = request.commit ? 'CompleteCommit' : 'CompleteAbort';
  const retryOfCompleted =
    t.state === completed &&
    request.producerId === t.producerId &&
    request.producerEpoch === (bump ? t.producerEpoch - 1 : t.producerEpoch);
  if (retryOfCompleted) return answer(state, request, 'None', t);
  if (fenced(t, request)) return answer(state, request, 'ProducerFenced');
  if (t.state === (request.commit ? 'PrepareCommit' : 'PrepareAbort')) {
    return answer(state, request, 'ConcurrentTransactions');
  }
  if (t.state !== 'Ongoing') return answer(state, request, 'InvalidTxnState');
  const prepared = prepare(t, request.commit, bump ? t.producerEpoch + 1 : t.producerEpoch);
  return answer(withTransaction(state, producer, prepared), request, 'None', prepared);
}

/** The coordinator on `broker` handles one request of `producer`'s transactional.id. */
export function handleCoordinatorRequest(
  config: ModelConfig,
  state: State,
  producer: number,
  broker: number,
  request: CoordinatorRequest,
): Handled {
  if (transactionAt(state, producer).coordinator !== broker) return answer(state, request, 'NotCoordinator');
  switch (request.kind) {
    case 'InitProducerId':
      return initProducerId(state, producer, request);
    case 'AddPartitionsToTxn':
      return addPartitionsToTxn(state, producer, request);
    case 'EndTxn':
      return endTxn(config, state, producer, request);
    case 'AddOffsetsToTxn':
      return addOffsetsToTxn(state, producer, request);
  }
}
