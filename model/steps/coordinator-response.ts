/**
 * What the three coordinator-response steps share: the transactional producer reads its
 * coordinator's answer, the oldest response on the connection, and reacts as Kafka's
 * TransactionManager does (transactions/client-responses.ts).
 */
import { producerAt } from '../producer/bookkeeping.ts';
import type { CoordinatorRequest, CoordinatorResponse } from '../state.ts';
import { coordinatorAnswered } from '../transactions/client-responses.ts';
import { answerWords } from './coordinator-handler.ts';
import { perConnection, type StepModule } from './step.ts';

export interface CoordinatorResponseAction<T extends string> {
  readonly type: T;
  readonly producer: number;
  readonly broker: number;
}

export function coordinatorResponse<T extends string>(
  type: T,
  kind: CoordinatorRequest['kind'],
): StepModule<CoordinatorResponseAction<T>> {
  return {
    type,
    actor: 'producer',
    fields: { producer: 'producer', broker: 'broker' },
    footprint: {
      reads: [],
      writes: [
        'attempts[producer]',
        'connections[producer][*].orphans',
        'connections[producer][*].requests',
        'connections[producer][broker].orphans',
        'connections[producer][broker].requests',
        'pipeline.group',
        'pipeline.instances',
        'producers[producer].inFlight',
        'producers[producer].nextRecord',
        'producers[producer].partitions',
        'producers[producer].producerEpoch',
        'producers[producer].producerId',
        'producers[producer].status',
        'producers[producer].transaction',
        'sends[producer]',
      ],
    },
    candidates: (config) =>
      config.transactionalId === null
        ? []
        : perConnection(config, (producer, broker) => ({ type, producer, broker })),
    guard: (_config, state, a) =>
      producerAt(state, a.producer).status === 'running' &&
      state.connections[a.producer]![a.broker]!.responses[0]?.kind === kind,
    effect: (config, state, a) => coordinatorAnswered(config, state, a.producer, a.broker),
    tell(_config, before, a, after) {
      const response = before.connections[a.producer]![a.broker]!.responses[0] as CoordinatorResponse;
      const client = after.producers[a.producer]!;
      const now =
        client.status === 'crashed'
          ? 'the instance is fenced and closes'
          : `now ${client.transaction!.state}`;
      return {
        actor: `producer ${a.producer}`,
        message: `reads the ${kind} answer: ${answerWords(response).replace('answers ', '')}; ${now}`,
      };
    },
  };
}
