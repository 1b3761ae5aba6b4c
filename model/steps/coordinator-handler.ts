/**
 * What the three coordinator request steps share: the coordinator's broker reads the oldest
 * request of a connection (or of one the producer closed, whose answer nobody reads), handles it
 * as Kafka's TransactionCoordinator does (transactions/coordinator-requests.ts) and answers in
 * request order.
 */
import { isUp } from '../cluster.ts';
import { connectionOf, respond, withConnection } from '../connection.ts';
import type { CoordinatorRequest, CoordinatorResponse, State } from '../state.ts';
import { handleCoordinatorRequest } from '../transactions/coordinator-requests.ts';
import { perConnection, type StepModule, type Told } from './step.ts';

export interface CoordinatorHandlerAction<T extends string> {
  readonly type: T;
  readonly producer: number;
  readonly broker: number;
  /** `orphan`: a request of a connection the producer already closed (a delayed request). */
  readonly from: 'connection' | 'orphan';
}

function oldest(state: State, a: CoordinatorHandlerAction<string>): CoordinatorRequest {
  const c = connectionOf(state, a.producer, a.broker);
  return (a.from === 'orphan' ? c.orphans : c.requests)[0] as CoordinatorRequest;
}

/** The answer in words. */
export function answerWords(response: CoordinatorResponse): string {
  if (response.error !== 'None') return `answers ${response.error}`;
  return response.producerId >= 0
    ? `answers PID ${response.producerId}, epoch ${response.producerEpoch}`
    : 'answers success';
}

export function coordinatorHandler<T extends string>(
  type: T,
  kind: CoordinatorRequest['kind'],
  tellRequest: (request: CoordinatorRequest) => string,
): StepModule<CoordinatorHandlerAction<T>> {
  return {
    type,
    actor: 'coordinator',
    fields: { producer: 'producer', broker: 'broker', from: ['connection', 'orphan'] },
    footprint: {
      reads: [],
      writes: [
        'connections[producer][broker].orphans',
        'connections[producer][broker].requests',
        'nextProducerId',
      ],
    },
    candidates: (config) =>
      config.transactionalId === null
        ? []
        : perConnection(config, (producer, broker) =>
            (['connection', 'orphan'] as const).map((from) => ({ type, producer, broker, from })),
          ).flat(),
    guard(_config, state, a) {
      if (!isUp(state, a.broker)) return false;
      const c = connectionOf(state, a.producer, a.broker);
      return a.from === 'orphan'
        ? c.orphans[0]?.kind === kind
        : c.requests[0]?.kind === kind && c.purgatory === null;
    },
    effect(config, state, a) {
      const c = connectionOf(state, a.producer, a.broker);
      const request = oldest(state, a);
      const read =
        a.from === 'orphan' ? { ...c, orphans: c.orphans.slice(1) } : { ...c, requests: c.requests.slice(1) };
      const handled = handleCoordinatorRequest(
        config,
        withConnection(state, a.producer, a.broker, read),
        a.producer,
        a.broker,
        request,
      );
      if (a.from === 'orphan') return handled.state;
      const current = connectionOf(handled.state, a.producer, a.broker);
      return withConnection(handled.state, a.producer, a.broker, respond(current, handled.response));
    },
    tell(config, before, a, after): Told {
      const request = oldest(before, a);
      const handled = handleCoordinatorRequest(config, before, a.producer, a.broker, request);
      const t = after.transactions[a.producer]!;
      const late = a.from === 'orphan' ? ' from a connection the producer already closed' : '';
      const reply = a.from === 'orphan' ? 'nobody reads its answer' : answerWords(handled.response);
      return {
        actor: `coordinator on broker ${a.broker}`,
        message: `handles ${tellRequest(request)}${late}: the transaction is ${t.state} at epoch ${t.producerEpoch}; ${reply}`,
      };
    },
  };
}
