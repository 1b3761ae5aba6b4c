/**
 * The partition leader's side of a produce request: the checks Kafka makes before an append
 * (leadership, min.insync.replicas, the idempotent producer's epoch and sequence), the append,
 * and the answer, which for acks=all waits in purgatory until the high watermark passes the batch.
 */
import type { Action } from './action.ts';
import { isUp, liveLeader, partitionAt, withPartition, withReplica } from './cluster.ts';
import { effectiveMinInsyncReplicas, type ModelConfig } from './config.ts';
import { firstSequenceRule } from './first-sequence/rule.ts';
import { replaceAt, updateAt } from './immutable.ts';
import { appendBatches, batchEndOffset, lastSequence, producerEntry } from './log.ts';
import { advanceHighWatermark } from './replication.ts';
import type {
  Connection,
  LogBatch,
  PendingProduce,
  ProduceRequest,
  ProduceResponse,
  ProduceResult,
  Replica,
  State,
} from './state.ts';

type HandleProduceAction = Extract<Action, { type: 'HandleProduce' }>;

/** Writes a response on a connection; a stalled response stream swallows it. */
export function respond(connection: Connection, response: ProduceResponse): Connection {
  if (connection.responsesLost) return connection;
  return { ...connection, responses: [...connection.responses, response] };
}

function responseTo(request: ProduceRequest, result: ProduceResult): ProduceResponse {
  return {
    kind: 'Produce',
    partition: request.batch.partition,
    baseSequence: request.batch.baseSequence,
    result,
  };
}

function withConnection(state: State, producer: number, broker: number, connection: Connection): State {
  return {
    ...state,
    connections: updateAt(state.connections, producer, (row) => replaceAt(row, broker, connection)),
  };
}

/** What the leader's ProducerStateManager says of an idempotent batch. */
type SequenceCheck =
  | { readonly verdict: 'append' }
  | { readonly verdict: 'duplicate'; readonly original: LogBatch }
  | { readonly verdict: 'reject'; readonly error: 'InvalidProducerEpoch' | 'OutOfOrderSequence' };

/**
 * Kafka's ProducerAppendInfo checks. A lower epoch is fenced; a batch among the last five of its
 * epoch is a duplicate, answered with the original offset; a new epoch must start at sequence 0;
 * otherwise the sequence must follow the last one. A PID the broker knows nothing about goes to
 * the configured first-sequence rule. Kafka 3.9 never answers
 * DUPLICATE_SEQUENCE_NUMBER: a duplicate gets error NONE and the original offset.
 */
function checkSequence(config: ModelConfig, leader: Replica, request: ProduceRequest): SequenceCheck {
  const batch = request.batch;
  if (batch.producerId < 0) return { verdict: 'append' };
  const entry = producerEntry(leader, batch.producerId);
  if (entry === null) {
    return firstSequenceRule(config)(leader, batch) === 'append'
      ? { verdict: 'append' }
      : { verdict: 'reject', error: 'OutOfOrderSequence' };
  }
  if (batch.producerEpoch < entry.producerEpoch) return { verdict: 'reject', error: 'InvalidProducerEpoch' };
  const lastSeq = batch.baseSequence + batch.records.length - 1;
  if (batch.producerEpoch === entry.producerEpoch) {
    const original = entry.batches.find(
      (b) => b.baseSequence === batch.baseSequence && lastSequence(b) === lastSeq,
    );
    if (original !== undefined) return { verdict: 'duplicate', original };
    const last = entry.batches[entry.batches.length - 1]!;
    return batch.baseSequence === lastSequence(last) + 1
      ? { verdict: 'append' }
      : { verdict: 'reject', error: 'OutOfOrderSequence' };
  }
  return batch.baseSequence === 0
    ? { verdict: 'append' }
    : { verdict: 'reject', error: 'OutOfOrderSequence' };
}

/** What happens to the answer of a handled request. */
type Answer =
  | { readonly kind: 'respond'; readonly result: ProduceResult }
  | { readonly kind: 'park'; readonly pending: PendingProduce }
  | { readonly kind: 'none' };

/** The leader's checks and append; returns the new state and what to answer. */
function produceToLeader(
  config: ModelConfig,
  state: State,
  broker: number,
  request: ProduceRequest,
): { readonly state: State; readonly answer: Answer } {
  const partitionId = request.batch.partition;
  const p = partitionAt(state, partitionId);
  const leader = liveLeader(state, p);
  const silent = config.acks === '0';
  const reject = (error: ProduceResult & { error: string }): { state: State; answer: Answer } => ({
    state,
    answer: silent ? { kind: 'none' } : { kind: 'respond', result: error },
  });
  if (leader === null || leader.broker !== broker) return reject({ error: 'NotLeaderOrFollower' });
  if (config.acks === 'all' && p.isr.length < effectiveMinInsyncReplicas(config)) {
    return reject({ error: 'NotEnoughReplicas' });
  }
  const check = checkSequence(config, leader, request);
  if (check.verdict === 'reject') return reject({ error: check.error });
  if (check.verdict === 'duplicate') {
    const { original } = check;
    return {
      state,
      answer: answerFor(config, original.baseOffset, batchEndOffset(original), request, true),
    };
  }
  const batch = request.batch;
  const appended: LogBatch = {
    baseOffset: leader.logEndOffset,
    leaderEpoch: p.leaderEpoch,
    producerId: batch.producerId,
    producerEpoch: batch.producerEpoch,
    baseSequence: batch.baseSequence,
    records: batch.records,
  };
  const next = withPartition(
    state,
    partitionId,
    withReplica(p, broker, (r) => appendBatches(config, r, [appended])),
  );
  return {
    state: next,
    answer: answerFor(config, appended.baseOffset, batchEndOffset(appended), request, false),
  };
}

function answerFor(
  config: ModelConfig,
  baseOffset: number,
  requiredOffset: number,
  request: ProduceRequest,
  duplicate: boolean,
): Answer {
  if (config.acks === '0') return { kind: 'none' };
  if (config.acks === '1') return { kind: 'respond', result: { error: 'None', baseOffset, duplicate } };
  return { kind: 'park', pending: { request, baseOffset, requiredOffset, duplicate } };
}

export function handleProduceEnabled(state: State, action: HandleProduceAction): boolean {
  if (!isUp(state, action.broker)) return false;
  const connection = state.connections[action.producer]![action.broker]!;
  return action.from === 'orphan'
    ? connection.orphans.length > 0
    : connection.requests.length > 0 && connection.purgatory === null;
}

/**
 * The broker reads the oldest request of a connection (or of a connection the producer closed,
 * whose answer nobody reads) and handles it.
 */
export function handleProduce(config: ModelConfig, state: State, action: HandleProduceAction): State {
  const connection = state.connections[action.producer]![action.broker]!;
  const orphan = action.from === 'orphan';
  const request = (orphan ? connection.orphans : connection.requests)[0]!;
  const rest: Connection = orphan
    ? { ...connection, orphans: connection.orphans.slice(1) }
    : { ...connection, requests: connection.requests.slice(1) };
  const { state: appended, answer } = produceToLeader(
    config,
    withConnection(state, action.producer, action.broker, rest),
    action.broker,
    request,
  );
  const current = appended.connections[action.producer]![action.broker]!;
  const answered =
    orphan || answer.kind === 'none'
      ? appended
      : withConnection(
          appended,
          action.producer,
          action.broker,
          answer.kind === 'respond'
            ? respond(current, responseTo(request, answer.result))
            : { ...current, purgatory: answer.pending },
        );
  // The leader may be alone in the ISR, so its own append can move the high watermark.
  return advanceHighWatermark(config, answered, request.batch.partition);
}

/**
 * Answers every acks=all request parked on this partition's leader whose batch the high
 * watermark has passed: success, or NotEnoughReplicasAfterAppend when the ISR shrank below
 * min.insync.replicas after the append (Kafka's checkEnoughReplicasReachOffset).
 */
export function completePurgatory(config: ModelConfig, state: State, partition: number): State {
  const p = partitionAt(state, partition);
  const leader = liveLeader(state, p);
  if (leader === null) return state;
  let next = state;
  for (let producer = 0; producer < state.connections.length; producer++) {
    const connection = next.connections[producer]![leader.broker]!;
    const pending = connection.purgatory;
    if (pending === null || pending.request.batch.partition !== partition) continue;
    if (pending.requiredOffset > leader.highWatermark) continue;
    const result: ProduceResult =
      p.isr.length >= effectiveMinInsyncReplicas(config)
        ? { error: 'None', baseOffset: pending.baseOffset, duplicate: pending.duplicate }
        : { error: 'NotEnoughReplicasAfterAppend' };
    next = withConnection(next, producer, leader.broker, {
      ...respond(connection, responseTo(pending.request, result)),
      purgatory: null,
    });
  }
  return next;
}
