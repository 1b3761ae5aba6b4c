/**
 * The clients of connections, as the network faults see them: whether a client still awaits an
 * answer on a connection, and what it does when the connection dies under it. The faults act on
 * connections whatever requests they carry; a new kind of client (a transactional producer's
 * coordinator requests, a consumer) adds its side here, and every fault applies to it.
 */
import type { ModelConfig } from './config.ts';
import { awaitsResponse, failInFlight } from './producer/disconnect.ts';
import type { KafkaError, State } from './state.ts';

export interface ClientSide {
  /** The client still awaits something on its connection to `broker`. */
  awaits(state: State, client: number, broker: number): boolean;
  /** Every request the client awaited on the connection fails with `error`. */
  disconnected(config: ModelConfig, state: State, client: number, broker: number, error: KafkaError): State;
}

const producerSide: ClientSide = { awaits: awaitsResponse, disconnected: failInFlight };

/** Every kind of client. Connections are indexed by client today: `connections[producer][broker]`. */
export const clientSides: readonly ClientSide[] = [producerSide];

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
