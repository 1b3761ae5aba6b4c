/**
 * The partition leader's side of a produce request: the checks Kafka makes before an append
 * (leadership, min.insync.replicas, the idempotent producer's epoch and sequence), the append,
 * and what to answer, which for acks=all waits in purgatory until the high watermark passes the
 * batch.
 */
import { liveLeader, partitionAt, withPartition, withReplica } from '../cluster.ts';
import { effectiveMinInsyncReplicas, isTransactionalProducer, type ModelConfig } from '../config.ts';
import { appendBatches, batchEndOffset, lastSequence, producerEntry } from '../log.ts';
import type {
  LogBatch,
  PendingProduce,
  ProduceRequest,
  ProduceResponse,
  ProduceResult,
  Replica,
  State,
} from '../state.ts';
import { hasOngoingTransaction } from '../transactions/log-view.ts';
import { verifyTransaction } from '../transactions/verification.ts';
import { firstSequenceRule, transactionProtocol } from '../variants.ts';

export function responseTo(request: ProduceRequest, result: ProduceResult): ProduceResponse {
  return {
    kind: 'Produce',
    partition: request.batch.partition,
    baseSequence: request.batch.baseSequence,
    result,
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
    // Only a marker of this epoch so far: its sequences start afresh, at 0.
    const last = entry.batches[entry.batches.length - 1];
    const expected = last === undefined ? 0 : lastSequence(last) + 1;
    return batch.baseSequence === expected
      ? { verdict: 'append' }
      : { verdict: 'reject', error: 'OutOfOrderSequence' };
  }
  return batch.baseSequence === 0
    ? { verdict: 'append' }
    : { verdict: 'reject', error: 'OutOfOrderSequence' };
}

/** What happens to the answer of a handled request. */
export type Answer =
  | { readonly kind: 'respond'; readonly result: ProduceResult }
  | { readonly kind: 'park'; readonly pending: PendingProduce }
  | { readonly kind: 'none' };

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

/** The leader's checks and append; returns the new state and what to answer. */
export function produceToLeader(
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
  let checked = state;
  const transactional = isTransactionalProducer(config, request.batch.records[0]!.producer);
  // Under transaction version 2 the epoch bumps at every EndTxn, so the ongoing transaction must be of the batch's epoch.
  const epoch = transactionProtocol(config).implicitAddPartitions ? request.batch.producerEpoch : undefined;
  if (transactional && !hasOngoingTransaction(leader, request.batch.producerId, epoch)) {
    const verified = verifyTransaction(config, state, request.batch);
    if ('error' in verified) return reject({ error: verified.error });
    checked = verified.state;
  }
  const check = checkSequence(config, leader, request);
  if (check.verdict === 'reject') return reject({ error: check.error });
  if (check.verdict === 'duplicate') {
    const { original } = check;
    return {
      state: checked,
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
    transactional,
    control: null,
  };
  const next = withPartition(
    checked,
    partitionId,
    withReplica(p, broker, (r) => appendBatches(config, r, [appended])),
  );
  return {
    state: next,
    answer: answerFor(config, appended.baseOffset, batchEndOffset(appended), request, false),
  };
}
