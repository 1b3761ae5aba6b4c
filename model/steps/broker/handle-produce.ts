/**
 * The broker reads the oldest request of a connection (or of a connection the producer closed,
 * whose answer nobody reads) and handles it as the partition's leader would: it checks, appends
 * and answers, or for acks=all parks the request in purgatory until the high watermark passes
 * the batch (reactions.ts answers it then).
 */

import { produceToLeader, responseTo } from '../../broker/produce-checks.ts';
import { isUp } from '../../cluster.ts';
import { connectionOf, respond, withConnection } from '../../connection.ts';
import type { Connection, ProduceRequest, State } from '../../state.ts';
import { perConnection, type StepModule } from '../step.ts';
import { batchWords } from '../words.ts';

export interface HandleProduceAction {
  readonly type: 'HandleProduce';
  readonly producer: number;
  readonly broker: number;
  /** `orphan`: a request of a connection the producer already closed. */
  readonly from: 'connection' | 'orphan';
}

function answerWords(before: State, after: State, producer: number, broker: number): string {
  const c = after.connections[producer]![broker]!;
  const b = before.connections[producer]![broker]!;
  if (c.purgatory !== null && b.purgatory === null) {
    return `parks it until the high watermark reaches ${c.purgatory.requiredOffset} (acks=all)`;
  }
  const last = c.responses.length > b.responses.length ? c.responses[c.responses.length - 1] : undefined;
  const answer = last?.kind === 'Produce' ? last : undefined;
  if (answer === undefined) return c.responsesLost ? 'answers into a stalled connection' : 'sends no answer';
  if (answer.result.error !== 'None') return `answers ${answer.result.error}`;
  return answer.result.duplicate
    ? `recognises a duplicate and answers with its original offset ${answer.result.baseOffset}`
    : `answers success at offset ${answer.result.baseOffset}`;
}

export const handleProduce: StepModule<HandleProduceAction> = {
  type: 'HandleProduce',
  actor: 'broker',
  fields: { producer: 'producer', broker: 'broker', from: ['connection', 'orphan'] },
  footprint: {
    reads: ['partitions[*].replicas[*].flushedOffset'],
    writes: [
      'connections[producer][broker].orphans',
      'connections[producer][broker].requests',
      'partitions[*].replicas[*].log',
      'partitions[*].replicas[*].logEndOffset',
    ],
  },
  alwaysOn: true,
  candidates: (config) =>
    perConnection(config, (producer, broker) =>
      (['connection', 'orphan'] as const).map((from) => ({
        type: 'HandleProduce' as const,
        producer,
        broker,
        from,
      })),
    ).flat(),
  guard(_config, state, action) {
    if (!isUp(state, action.broker)) return false;
    const connection = connectionOf(state, action.producer, action.broker);
    return action.from === 'orphan'
      ? connection.orphans[0]?.kind === 'Produce'
      : connection.requests[0]?.kind === 'Produce' && connection.purgatory === null;
  },
  effect(config, state, action) {
    const connection = connectionOf(state, action.producer, action.broker);
    const orphan = action.from === 'orphan';
    const request = (orphan ? connection.orphans : connection.requests)[0] as ProduceRequest;
    const rest: Connection = orphan
      ? { ...connection, orphans: connection.orphans.slice(1) }
      : { ...connection, requests: connection.requests.slice(1) };
    const { state: appended, answer } = produceToLeader(
      config,
      withConnection(state, action.producer, action.broker, rest),
      action.broker,
      request,
    );
    if (orphan || answer.kind === 'none') return appended;
    const current = connectionOf(appended, action.producer, action.broker);
    return withConnection(
      appended,
      action.producer,
      action.broker,
      answer.kind === 'respond'
        ? respond(current, responseTo(request, answer.result))
        : { ...current, purgatory: answer.pending },
    );
  },
  tell(config, before, a, after) {
    const c = before.connections[a.producer]![a.broker]!;
    const request = (a.from === 'orphan' ? c.orphans : c.requests)[0] as ProduceRequest;
    const late = a.from === 'orphan' ? ' from a connection the producer already closed' : '';
    const answer =
      a.from === 'orphan' ? 'nobody reads its answer' : answerWords(before, after, a.producer, a.broker);
    return {
      actor: `broker ${a.broker}`,
      message: `handles the ProduceRequest${late} for ${batchWords(before, config, request.batch)}; ${answer}`,
    };
  },
};
