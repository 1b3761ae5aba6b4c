/**
 * request.timeout.ms passes for the oldest request on a connection to a live broker, whatever its
 * progress: the client closes the connection and every request it awaited there fails with
 * REQUEST_TIMED_OUT, to be retried. The broker may still read and apply the requests that reached
 * its socket; answers are lost. Once faults stop it still fires where a lost message left the
 * client waiting for more answers than the connection can deliver: its only way to notice.
 */

import { awaitedAnswers, awaitsAnswer, disconnected } from '../../clients.ts';
import { isUp } from '../../cluster.ts';
import { closeConnection, connectionOf, deliverable, withConnection } from '../../connection.ts';
import type { State } from '../../state.ts';
import { perConnection, type StepModule } from '../step.ts';

export interface RequestTimeoutAction {
  readonly type: 'RequestTimeout';
  readonly producer: number;
  readonly broker: number;
}

/** The client awaits more answers than the connection can still deliver. */
function lostMessage(state: State, producer: number, broker: number): boolean {
  return awaitedAnswers(state, producer, broker) > deliverable(connectionOf(state, producer, broker));
}

export const requestTimeout: StepModule<RequestTimeoutAction> = {
  type: 'RequestTimeout',
  actor: 'network',
  fields: { producer: 'producer', broker: 'broker' },
  footprint: {
    reads: ['producers[producer].status'],
    writes: [
      'connections[producer][broker].orphans',
      'connections[producer][broker].requests',
      'connections[producer][broker].requestsLost',
      'connections[producer][broker].responsesLost',
      'faultsUsed.network',
      'producers[producer].inFlight',
      'producers[producer].partitions',
      'producers[producer].transaction',
    ],
  },
  fault: { budget: () => 'network', heal: (_config, state, a) => lostMessage(state, a.producer, a.broker) },
  candidates: (config) =>
    perConnection(config, (producer, broker) => ({ type: 'RequestTimeout', producer, broker })),
  guard: (_config, state, a) => isUp(state, a.broker) && awaitsAnswer(state, a.producer, a.broker),
  effect(config, state, a) {
    const closed = closeConnection(connectionOf(state, a.producer, a.broker));
    return disconnected(
      config,
      withConnection(state, a.producer, a.broker, closed),
      a.producer,
      a.broker,
      'RequestTimedOut',
    );
  },
  tell: (_config, _before, a) => ({
    actor: `producer ${a.producer}`,
    message: `request.timeout.ms passes on broker ${a.broker}: it closes the connection and retries; the broker may still apply what reached it`,
  }),
};
