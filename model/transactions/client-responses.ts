/**
 * How a transactional producer's TransactionManager takes its coordinator's answers, with
 * Kafka's reactions: retriable errors (NOT_COORDINATOR, CONCURRENT_TRANSACTIONS) send the request
 * again; a fenced epoch or an invalid transaction state is fatal and the application closes the
 * instance; success moves the client on.
 */
import type { ModelConfig } from '../config.ts';
import { connectionOf, withConnection } from '../connection.ts';
import { offsetsAdded, transactionEnded } from '../group/output.ts';
import { producerAt, withProducer } from '../producer/bookkeeping.ts';
import { type CoordinatorResponse, emptyProducerPartition, type State } from '../state.ts';
import { transactionProtocol } from '../variants.ts';
import { endAttempt, fatalErrors, fencedInstance, withClientTransaction } from './client.ts';

const retriable = new Set(['NotCoordinator', 'ConcurrentTransactions']);

function succeeded(
  config: ModelConfig,
  state: State,
  producer: number,
  response: CoordinatorResponse,
): State {
  const client = producerAt(state, producer);
  const t = client.transaction!;
  switch (response.kind) {
    case 'InitProducerId':
      return withProducer(state, producer, {
        ...client,
        producerId: response.producerId,
        producerEpoch: response.producerEpoch,
        partitions: client.partitions.map(() => emptyProducerPartition(response.producerEpoch)),
        transaction: { ...t, state: 'Ready', added: 0, attempt: -1 },
      });
    case 'AddPartitionsToTxn':
      return withClientTransaction(state, producer, (c) => ({ ...c, added: c.added | response.partitions }));
    case 'AddOffsetsToTxn':
      return offsetsAdded(config, state, producer);
    case 'EndTxn': {
      const commit = t.state === 'CommittingTransaction';
      const ended = endAttempt(state, producer, t.attempt, commit ? 'committed' : 'aborted');
      const after = producerAt(ended, producer);
      // An abort that left a sequence gap bumps the epoch through InitProducerId before going on.
      const bump = !commit && after.partitions.some((pp) => pp.rewriteSequences);
      const epoch = transactionProtocol(config).bumpEpochOnEndTxn
        ? response.producerEpoch
        : after.producerEpoch;
      const ready = withProducer(ended, producer, {
        ...after,
        producerEpoch: epoch,
        transaction: { ...after.transaction!, state: bump ? 'Initializing' : 'Ready', added: 0, attempt: -1 },
      });
      return transactionEnded(config, ready, producer, commit);
    }
  }
}

/** The producer reads its coordinator's answer, the oldest response on the connection to `broker`. */
export function coordinatorAnswered(
  config: ModelConfig,
  state: State,
  producer: number,
  broker: number,
): State {
  const connection = connectionOf(state, producer, broker);
  const response = connection.responses[0] as CoordinatorResponse;
  let next = withConnection(state, producer, broker, {
    ...connection,
    responses: connection.responses.slice(1),
  });
  next = withClientTransaction(next, producer, (t) => ({ ...t, awaiting: -1 }));
  if (response.error === 'None') return succeeded(config, next, producer, response);
  if (retriable.has(response.error)) return next;
  if (fatalErrors.has(response.error)) return fencedInstance(config, next, producer);
  throw new Error(`model bug: no client reaction to ${response.error} on ${response.kind}`);
}
