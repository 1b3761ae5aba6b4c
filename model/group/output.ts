/**
 * The application instance's output producer, when it writes an output topic (exactly once): it lives and dies with its
 * instance (a crash or a close ends both, a pause stalls both, a restart starts a new producer
 * with the same transactional.id, which fences the old one with InitProducerId), and its sends
 * name the input record each output is the result of.
 */
import {
  instanceOfProducer,
  type ModelConfig,
  outputPartition,
  producerOfInstance,
  writesOutputTopic,
} from '../config.ts';
import { replaceAt, updateAt } from '../immutable.ts';
import { appendToPartition, producerAt, withProducer } from '../producer/bookkeeping.ts';
import { freshProducer, type Producer, type RecordRef, type State } from '../state.ts';
import { beginTransaction, endInstance } from '../transactions/client.ts';
import { has, instanceAt, keptPositions, withInstance } from './group.ts';

export function outputProducerOf(config: ModelConfig, state: State, consumer: number): Producer {
  return producerAt(state, producerOfInstance(config, consumer));
}

/** The instance ends (a crash or a close): its producer ends with it, its open transaction unknown. */
export function endOutputProducer(config: ModelConfig, state: State, consumer: number): State {
  if (!writesOutputTopic(config)) return state;
  const producer = producerOfInstance(config, consumer);
  if (producerAt(state, producer).status === 'crashed') return state;
  return endInstance(config, state, producer);
}

/** The instance starts again: a new producer instance with the same transactional.id. */
export function restartOutputProducer(config: ModelConfig, state: State, consumer: number): State {
  if (!writesOutputTopic(config)) return state;
  const producer = producerOfInstance(config, consumer);
  return { ...state, producers: replaceAt(state.producers, producer, freshProducer(config, 0, producer)) };
}

/** A pause stalls the whole process, its producer included; waking resumes both. */
export function setOutputProducerRunning(
  config: ModelConfig,
  state: State,
  consumer: number,
  running: boolean,
): State {
  if (!writesOutputTopic(config)) return state;
  const producer = producerOfInstance(config, consumer);
  const client = producerAt(state, producer);
  if (client.status === 'crashed') return state;
  return withProducer(state, producer, { ...client, status: running ? 'running' : 'stalled' });
}

/** Whether the instance's producer can take a new output now (a transaction begun or begun on demand). */
export function mayWriteOutput(config: ModelConfig, state: State, consumer: number): boolean {
  const client = outputProducerOf(config, state, consumer);
  const t = client.transaction?.state;
  return client.status === 'running' && (t === undefined || t === 'Ready' || t === 'InTransaction');
}

/** The instance sends the output of `input` to the output topic, beginning a transaction if none is open. */
export function sendOutput(config: ModelConfig, state: State, consumer: number, input: RecordRef): State {
  const producer = producerOfInstance(config, consumer);
  const begun =
    outputProducerOf(config, state, consumer).transaction?.state === 'Ready'
      ? beginTransaction(state, producer)
      : state;
  const record = begun.sends[producer]!.length;
  const next = appendToPartition(config, begun, producer, record, outputPartition(config));
  return {
    ...next,
    sends: updateAt(next.sends, producer, (row) => replaceAt(row, record, { ...row[record]!, input })),
  };
}

/** AddOffsetsToTxn succeeded: the instance goes on to TxnOffsetCommit. */
export function offsetsAdded(config: ModelConfig, state: State, producer: number): State {
  const consumer = instanceOfProducer(config, producer);
  const i = instanceAt(state, consumer);
  return i.stage === 'add-offsets'
    ? withInstance(state, consumer, { ...i, stage: 'txn-offset-commit' })
    : state;
}

/**
 * The instance's transaction ended. Committed: its outputs and offsets are in, and it polls again.
 * Aborted: Kafka's pattern rewinds the consumer to the committed offsets (OffsetFetch again) and
 * processes those records once more in a new transaction.
 */
export function transactionEnded(
  config: ModelConfig,
  state: State,
  producer: number,
  committed: boolean,
): State {
  const consumer = instanceOfProducer(config, producer);
  if (consumer < 0) return state;
  const i = instanceAt(state, consumer);
  if (committed)
    return i.stage === 'commit-txn' ? withInstance(state, consumer, { ...i, stage: 'poll' }) : state;
  return withInstance(state, consumer, {
    ...i,
    stage: 'poll',
    batch: [],
    ...keptPositions(i, (partition) => !has(i.owned, partition)),
  });
}

/**
 * An exactly-once application calls initTransactions() before it subscribes: its consumer joins
 * only once its producer has a PID (and, after an abort that needs an epoch bump, its new epoch).
 */
export function outputProducerReady(config: ModelConfig, state: State, consumer: number): boolean {
  if (!writesOutputTopic(config)) return true;
  const t = outputProducerOf(config, state, consumer).transaction?.state;
  return t !== 'Uninitialized' && t !== 'Initializing';
}

/**
 * Whether the instance's transaction holds the group's offsets at the coordinator: its
 * AddOffsetsToTxn was answered (the loop has moved on to TxnOffsetCommit or the commit).
 */
export function offsetsAddedToTransaction(config: ModelConfig, state: State, producer: number): boolean {
  const consumer = instanceOfProducer(config, producer);
  if (consumer < 0) return false;
  const stage = instanceAt(state, consumer).stage;
  return stage === 'txn-offset-commit' || stage === 'commit-txn';
}
