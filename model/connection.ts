/**
 * Reading and rewriting one client-to-broker connection inside a state. A connection is TCP: it
 * delivers in order or not at all, so a lost segment stalls its stream until the client gives up
 * on the connection.
 */
import { replaceAt, updateAt } from './immutable.ts';
import { type Connection, emptyConnection, type Request, type Response, type State } from './state.ts';

export function connectionOf(state: State, producer: number, broker: number): Connection {
  return state.connections[producer]![broker]!;
}

export function withConnection(
  state: State,
  producer: number,
  broker: number,
  connection: Connection,
): State {
  return {
    ...state,
    connections: updateAt(state.connections, producer, (row) => replaceAt(row, broker, connection)),
  };
}

/** Writes a response on a connection; a stalled response stream swallows it. */
export function respond(connection: Connection, response: Response): Connection {
  if (connection.responsesLost) return connection;
  return { ...connection, responses: [...connection.responses, response] };
}

/** Writes a request on a connection; a stalled request stream swallows it. */
export function sendRequest(connection: Connection, request: Request): Connection {
  if (connection.requestsLost) return connection;
  return { ...connection, requests: [...connection.requests, request] };
}

/**
 * The client closes the connection: what it had written and the broker had not read yet stays
 * on the broker's socket as orphans, which the broker may still read and apply; nobody reads
 * their answers.
 */
export function closeConnection(connection: Connection): Connection {
  return { ...emptyConnection, orphans: [...connection.orphans, ...connection.requests] };
}

/** How many answers the connection can still deliver: unread requests, the parked one, unread responses. */
export function deliverable(connection: Connection): number {
  return connection.requests.length + (connection.purgatory === null ? 0 : 1) + connection.responses.length;
}
