/**
 * A transactional producer's TransactionManager: its state, the application's transaction
 * attempts, and how the client ends an attempt (committed, aborted, or unknown when the instance
 * dies or is fenced). Kafka's documented pattern decides what follows a failure: an abortable
 * error means abort and retry the transaction; a fatal one (fenced) means close the instance,
 * and a restarted instance with the same transactional.id takes over.
 */
import { instanceOfProducer, type ModelConfig, transactionOf, transactionRecords } from '../config.ts';
import { closeConnection } from '../connection.ts';
import { closeFencedInstance } from '../group/membership.ts';
import { replaceAt, updateAt } from '../immutable.ts';
import { producerAt, settleSends, withProducer } from '../producer/bookkeeping.ts';
import {
  type AttemptOutcome,
  type ClientTransaction,
  freshProducer,
  type KafkaError,
  type Producer,
  type RecordRef,
  type SendOutcome,
  type State,
} from '../state.ts';

export function clientTransaction(client: Producer): ClientTransaction {
  if (client.transaction === null) throw new RangeError('model bug: the producer is not transactional');
  return client.transaction;
}

export function withClientTransaction(
  state: State,
  producer: number,
  update: (t: ClientTransaction) => ClientTransaction,
): State {
  const client = producerAt(state, producer);
  return withProducer(state, producer, { ...client, transaction: update(clientTransaction(client)) });
}

/** The workload records of the transaction the application is in (or about to begin). */
export function currentBlock(config: ModelConfig, client: Producer): { first: number; end: number } {
  const t = clientTransaction(client);
  const inside = t.state !== 'Ready' && t.state !== 'Uninitialized' && t.state !== 'Initializing';
  const record = inside && client.nextRecord > 0 ? client.nextRecord - 1 : client.nextRecord;
  return transactionRecords(config, transactionOf(config, record));
}

/** `beginTransaction()`: a new attempt of the application's next transaction. */
export function beginTransaction(state: State, producer: number): State {
  const attempt = state.attempts[producer]!.length;
  const next = { ...state, attempts: updateAt(state.attempts, producer, (row) => [...row, 'open' as const]) };
  return withClientTransaction(next, producer, (t) => ({ ...t, state: 'InTransaction', added: 0, attempt }));
}

function sendsOfAttempt(state: State, producer: number, attempt: number): readonly RecordRef[] {
  const refs: RecordRef[] = [];
  state.sends[producer]!.forEach((s, send) => {
    if (s.attempt === attempt && s.outcome.status === 'pending') refs.push({ producer, send });
  });
  return refs;
}

/** Records how the application saw an attempt end, and settles its sends. */
export function endAttempt(state: State, producer: number, attempt: number, outcome: AttemptOutcome): State {
  if (attempt < 0 || state.attempts[producer]![attempt] !== 'open') return state;
  const attempts = updateAt(state.attempts, producer, (row) => replaceAt(row, attempt, outcome));
  const settle: SendOutcome | null =
    outcome === 'committed'
      ? { status: 'acknowledged', offset: -1 }
      : outcome === 'aborted'
        ? { status: 'failed', error: 'TransactionAborted' }
        : null;
  const next = { ...state, attempts };
  return settle === null ? next : settleSends(next, sendsOfAttempt(next, producer, attempt), () => settle);
}

/**
 * Where a new instance's application goes on after an instance ended mid-transaction: with
 * `resend` it redoes the transaction it never saw committed; with `give-up` it moves on to the next.
 */
export function resumeRecord(config: ModelConfig, client: Producer): number {
  const t = clientTransaction(client);
  if (t.state === 'Ready' || t.state === 'Uninitialized' || t.state === 'Initializing')
    return client.nextRecord;
  const block = currentBlock(config, client);
  return config.onFailure === 'resend' ? block.first : block.end;
}

/**
 * The instance stops: crashed, or closed by its application after a fatal error. Its open
 * attempt's outcome is unknown to the application; requests it wrote stay on the brokers' sockets.
 */
export function endInstance(config: ModelConfig, state: State, producer: number): State {
  const client = producerAt(state, producer);
  const ended: Producer = {
    ...freshProducer(config, resumeRecord(config, client), producer),
    status: 'crashed',
  };
  const next = endAttempt(state, producer, clientTransaction(client).attempt, 'unknown');
  return {
    ...withProducer(next, producer, ended),
    connections: updateAt(next.connections, producer, (row) => row.map(closeConnection)),
  };
}

/**
 * The instance is fenced (ProducerFencedException) and its application closes it. An application
 * instance of a pipeline closes its consumer with it (LeaveGroup) and is started again later.
 */
export function fencedInstance(config: ModelConfig, state: State, producer: number): State {
  const ended = endInstance(config, state, producer);
  const consumer = instanceOfProducer(config, producer);
  return consumer < 0 ? ended : closeFencedInstance(config, ended, consumer);
}

/**
 * Errors of a coordinator request after which Kafka 3.9's TransactionManager is in FATAL_ERROR
 * (INVALID_PRODUCER_EPOCH there is turned into ProducerFencedException).
 */
export const fatalErrors: ReadonlySet<KafkaError> = new Set<KafkaError>([
  'ProducerFenced',
  'InvalidProducerEpoch',
  'InvalidTxnState',
]);

/**
 * A transactional send failed to the application (Kafka's handleFailedBatch): PRODUCER_FENCED
 * closes the instance; any other error, INVALID_PRODUCER_EPOCH and INVALID_TXN_STATE included,
 * puts the transaction in ABORTABLE_ERROR with an epoch bump required, which the client makes
 * with InitProducerId once the abort completes (maybeTransitionToErrorState, canBumpEpoch).
 */
export function transactionFailed(
  config: ModelConfig,
  state: State,
  producer: number,
  error: KafkaError,
): State {
  const client = producerAt(state, producer);
  const t = clientTransaction(client);
  if (error === 'ProducerFenced') return fencedInstance(config, state, producer);
  if (t.state !== 'InTransaction' && t.state !== 'CommittingTransaction') return state;
  return withProducer(state, producer, {
    ...client,
    partitions: client.partitions.map((pp) => ({ ...pp, rewriteSequences: true })),
    transaction: { ...t, state: 'AbortableError' },
  });
}
