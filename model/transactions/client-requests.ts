/**
 * A transactional producer's coordinator requests: at most one is out at a time (Kafka's
 * TransactionManager queues them), sent to the broker FindCoordinator names, and answered on the
 * same connection in request order. A request that fails with the connection, NOT_COORDINATOR or
 * CONCURRENT_TRANSACTIONS is simply sent again.
 */
import { connectionOf, sendRequest, withConnection } from '../connection.ts';
import { producerAt } from '../producer/bookkeeping.ts';
import type { CoordinatorRequest, Producer, State } from '../state.ts';
import { withClientTransaction } from './client.ts';
import { liveCoordinator } from './metadata.ts';

/** Whether the client can send a coordinator request now: running, none out, a coordinator reachable. */
export function mayAskCoordinator(state: State, producer: number): boolean {
  const client = producerAt(state, producer);
  return (
    client.status === 'running' &&
    client.transaction !== null &&
    client.transaction.awaiting < 0 &&
    liveCoordinator(state, producer) !== null
  );
}

export function askCoordinator(state: State, producer: number, request: CoordinatorRequest): State {
  const broker = liveCoordinator(state, producer)!;
  const written = sendRequest(connectionOf(state, producer, broker), request);
  const next = withConnection(state, producer, broker, written);
  return withClientTransaction(next, producer, (t) => ({ ...t, awaiting: broker }));
}

/**
 * Nothing of the producer's is out on the network or waiting to be sent: a flushed producer.
 * Batches it has already given up on (expired) count only when `expired` says so.
 */
export function flushed(client: Producer, countExpired = true): boolean {
  return (
    client.inFlight.every((row) => row.every((f) => !countExpired && f.expired)) &&
    client.partitions.every((pp) => pp.accumulator.length === 0)
  );
}

/** The partitions with records waiting to be sent that the coordinator has not added yet. */
export function partitionsToAdd(client: Producer): number {
  let bits = 0;
  client.partitions.forEach((pp, partition) => {
    if (pp.accumulator.length > 0 && ((client.transaction!.added >> partition) & 1) === 0)
      bits |= 1 << partition;
  });
  return bits;
}
