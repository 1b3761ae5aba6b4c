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
import { hasPartition, liveCoordinator } from './metadata.ts';

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
 * Nothing of the producer's is incomplete: every batch it sent was answered or failed, and none
 * waits to be sent (Kafka's accumulator.hasIncomplete). A batch delivery.timeout.ms failed is no
 * longer incomplete, though its request may still be on the wire: Kafka 3.9's EndTxn does not
 * wait for it. The client without the wait (abort-in-flight=overtake) waits for none.
 */
export function flushed(client: Producer, waitForInFlight = true): boolean {
  return (
    client.inFlight.every((row) => row.every((f) => f.expired || !waitForInFlight)) &&
    client.partitions.every((pp) => pp.accumulator.length === 0)
  );
}

/** The partitions with records waiting to be sent that the coordinator has not added yet. */
export function partitionsToAdd(client: Producer): number {
  let bits = 0;
  client.partitions.forEach((pp, partition) => {
    if (pp.accumulator.length > 0 && !hasPartition(client.transaction!.added, partition))
      bits |= 1 << partition;
  });
  return bits;
}
