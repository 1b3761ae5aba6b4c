/**
 * The clients of connections, as the network faults see them: whether a client still awaits an
 * answer on a connection, and what it does when the connection dies under it. The faults act on
 * connections whatever requests they carry; a new kind of client (a transactional producer's
 * coordinator requests, a consumer) adds its side here, and every fault applies to it.
 */
import type { ModelConfig } from './config.ts';
import { awaitsResponse, failInFlight } from './producer/disconnect.ts';
import type { KafkaError, State } from './state.ts';
import { withClientTransaction } from './transactions/client.ts';

export interface ClientSide {
  /** The client still awaits something on its connection to `broker`. */
  awaits(state: State, client: number, broker: number): boolean;
  /** Every request the client awaited on the connection fails with `error`. */
  disconnected(config: ModelConfig, state: State, client: number, broker: number, error: KafkaError): State;
}

const producerSide: ClientSide = { awaits: awaitsResponse, disconnected: failInFlight };

/** A transactional producer's coordinator request: when its connection dies, it is sent again. */
const transactionSide: ClientSide = {
  awaits: (state, producer, broker) => awaitedCoordinatorRequests(state, producer, broker) > 0,
  disconnected: (_config, state, producer, broker) =>
    awaitedCoordinatorRequests(state, producer, broker) === 0
      ? state
      : withClientTransaction(state, producer, (t) => ({ ...t, awaiting: -1 })),
};

/** Every kind of client. Connections are indexed by client today: `connections[producer][broker]`. */
export const clientSides: readonly ClientSide[] = [producerSide, transactionSide];

/** How many coordinator requests (0 or 1) the producer awaits an answer to on its connection to `broker`. */
export function awaitedCoordinatorRequests(state: State, producer: number, broker: number): number {
  const client = state.producers[producer]!;
  return client.status === 'running' && client.transaction?.awaiting === broker ? 1 : 0;
}

/** How many answers the client awaits on its connection to `broker`. */
export function awaitedAnswers(state: State, producer: number, broker: number): number {
  return (
    state.producers[producer]!.inFlight[broker]!.length + awaitedCoordinatorRequests(state, producer, broker)
  );
}

export function awaitsAnswer(state: State, client: number, broker: number): boolean {
  return clientSides.some((side) => side.awaits(state, client, broker));
}

export function disconnected(
  config: ModelConfig,
  state: State,
  client: number,
  broker: number,
  error: KafkaError,
): State {
  return clientSides.reduce((next, side) => side.disconnected(config, next, client, broker, error), state);
}
