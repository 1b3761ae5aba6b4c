/**
 * Faults of producer-to-broker connections. A connection is TCP: it delivers in order or not at
 * all, so a lost segment stalls its stream until the producer gives up on the connection.
 */
import type { Action } from './action.ts';
import { isUp } from './cluster.ts';
import type { ModelConfig } from './config.ts';
import { replaceAt, updateAt } from './immutable.ts';
import { producerAt, withProducer } from './producer/bookkeeping.ts';
import { batchFailed, resolveSequences } from './producer/outcome.ts';
import { type Connection, emptyConnection, type KafkaError, type State } from './state.ts';

type ConnectionAction = Extract<
  Action,
  { type: 'LoseRequest' | 'LoseResponse' | 'ResetConnection' | 'RequestTimeout' }
>;

function connectionOf(state: State, action: ConnectionAction): Connection {
  return state.connections[action.producer]![action.broker]!;
}

function withConnection(state: State, action: ConnectionAction, connection: Connection): State {
  return {
    ...state,
    connections: updateAt(state.connections, action.producer, (row) =>
      replaceAt(row, action.broker, connection),
    ),
  };
}

function chargeNetwork(state: State): State {
  return { ...state, faultsUsed: { ...state.faultsUsed, network: state.faultsUsed.network + 1 } };
}

function networkBudgetLeft(config: ModelConfig, state: State): boolean {
  return state.faultsUsed.network < config.faults.network;
}

export function loseRequestEnabled(config: ModelConfig, state: State, action: ConnectionAction): boolean {
  return networkBudgetLeft(config, state) && connectionOf(state, action).requests.length > 0;
}

/** The network drops the oldest unread request; nothing written after it arrives either. */
export function loseRequest(state: State, action: ConnectionAction): State {
  const connection = connectionOf(state, action);
  return chargeNetwork(withConnection(state, action, { ...connection, requests: [], requestsLost: true }));
}

export function loseResponseEnabled(config: ModelConfig, state: State, action: ConnectionAction): boolean {
  return networkBudgetLeft(config, state) && connectionOf(state, action).responses.length > 0;
}

/** The network drops the oldest unread response; nothing the broker writes after it arrives either. */
export function loseResponse(state: State, action: ConnectionAction): State {
  const connection = connectionOf(state, action);
  return chargeNetwork(withConnection(state, action, { ...connection, responses: [], responsesLost: true }));
}

/** The producer still awaits something on this connection. */
export function awaitsResponse(state: State, action: ConnectionAction): boolean {
  const client = producerAt(state, action.producer);
  return client.status === 'running' && client.inFlight[action.broker]!.length > 0;
}

/** Resetting the connection to a dead broker is how the producer notices the death: no fault. */
export function resetConnectionIsFault(state: State, action: ConnectionAction): boolean {
  return isUp(state, action.broker);
}

export function resetConnectionEnabled(config: ModelConfig, state: State, action: ConnectionAction): boolean {
  if (!awaitsResponse(state, action)) return false;
  return !resetConnectionIsFault(state, action) || networkBudgetLeft(config, state);
}

/** Every request the producer awaited on the connection fails back to it with `error`. */
export function failInFlight(
  config: ModelConfig,
  state: State,
  action: { readonly producer: number; readonly broker: number },
  error: KafkaError,
): State {
  const client = producerAt(state, action.producer);
  const awaited = client.inFlight[action.broker]!;
  if (awaited.length === 0) return state;
  let next = withProducer(state, action.producer, {
    ...client,
    inFlight: replaceAt(client.inFlight, action.broker, []),
  });
  for (const f of awaited) if (!f.expired) next = batchFailed(config, next, action.producer, f.batch, error);
  return resolveSequences(next, action.producer);
}

/**
 * The connection resets: both ends drop what they had not processed, and every request the
 * producer awaited fails with a NetworkException, which it retries.
 */
export function resetConnection(config: ModelConfig, state: State, action: ConnectionAction): State {
  const charged = resetConnectionIsFault(state, action) ? chargeNetwork(state) : state;
  const connection = connectionOf(charged, action);
  const cleared = withConnection(charged, action, { ...emptyConnection, orphans: connection.orphans });
  return failInFlight(config, cleared, action, 'NetworkException');
}

export function requestTimeoutEnabled(config: ModelConfig, state: State, action: ConnectionAction): boolean {
  return networkBudgetLeft(config, state) && requestTimeoutPossible(state, action);
}

/** request.timeout.ms can pass for a request to a live broker whatever its progress. */
export function requestTimeoutPossible(state: State, action: ConnectionAction): boolean {
  return isUp(state, action.broker) && awaitsResponse(state, action);
}

/**
 * request.timeout.ms passes for the oldest request on the connection: the producer closes the
 * connection and every request it awaited there fails with REQUEST_TIMED_OUT, to be retried. The
 * broker may still read and apply the requests that reached its socket; answers are lost.
 */
export function requestTimeout(config: ModelConfig, state: State, action: ConnectionAction): State {
  const connection = connectionOf(state, action);
  const closed: Connection = { ...emptyConnection, orphans: [...connection.orphans, ...connection.requests] };
  return failInFlight(
    config,
    chargeNetwork(withConnection(state, action, closed)),
    action,
    'RequestTimedOut',
  );
}
