/** Helpers for the model's own tests: run a hand-written schedule, insisting each step is enabled. */
import { type Action, actionKey } from './action.ts';
import type { CommitStrategy, FaultBudget, ModelConfig } from './config.ts';
import { defaultConfig, noFaults } from './config.ts';
import { enabled, step } from './machine.ts';
import {
  initialState,
  type ProduceRequest,
  type ProducerBatch,
  type RecordRef,
  type State,
} from './state.ts';

export function configWith(overrides: Partial<ModelConfig>): ModelConfig {
  return { ...defaultConfig, ...overrides };
}

/** Applies actions in order from `start`; throws naming the first action that is not enabled. */
export function runActions(
  config: ModelConfig,
  actions: readonly Action[],
  start: State = initialState(config),
): State {
  let state = start;
  actions.forEach((action, i) => {
    const possible = enabled(config, state).map(actionKey);
    if (!possible.includes(actionKey(action))) {
      throw new Error(`step ${i + 1}, ${actionKey(action)}, is not enabled; enabled: ${possible.join(' ')}`);
    }
    state = step(config, state, action);
  });
  return state;
}

/** The states a walk passes through, each step choosing among the enabled actions by `choices`. */
export function walk(config: ModelConfig, choices: readonly number[]): State[] {
  let state = initialState(config);
  const states = [state];
  for (const choice of choices) {
    const actions = enabled(config, state);
    if (actions.length === 0) break;
    state = step(config, state, actions[choice % actions.length]!);
    states.push(state);
  }
  return states;
}

/** No faults at all (the model's own budget constant). */
export { noFaults } from './config.ts';

/** acks=1 without idempotence, one crash allowed: the smallest setup that loses an acknowledged record. */
export const acks1OneCrash: ModelConfig = configWith({
  acks: '1',
  enableIdempotence: false,
  faults: { ...noFaults, crash: 1 },
});

/**
 * An idempotent producer whose first two requests timed out and whose first batch expired
 * (batch.size=1): its epoch-0 requests are still on the wire as orphans, and the broker has
 * appended its retried batch. The next step can be its KIP-360 epoch bump.
 */
export const expiredBatchConfig: ModelConfig = configWith({
  batchSize: 1,
  records: 4,
  faults: { ...noFaults, network: 2, deliveryTimeout: 2 },
  variants: { ...defaultConfig.variants, firstSequence: 'zero-on-empty-log' },
});

export function afterExpiredBatch(): State {
  const p0 = { producer: 0 } as const;
  return runActions(expiredBatchConfig, [
    { type: 'Send', ...p0 },
    { type: 'Send', ...p0 },
    { type: 'InitProducerId', ...p0 },
    { type: 'SendProduce', ...p0, partition: 0 },
    { type: 'SendProduce', ...p0, partition: 0 },
    { type: 'RequestTimeout', ...p0, broker: 0 },
    { type: 'ExpireBatch', ...p0, partition: 0 },
    { type: 'SendProduce', ...p0, partition: 0 },
    { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
    { type: 'HandleProduceResponse', ...p0, broker: 0 },
  ]);
}

/**
 * An exactly-once application on one broker: the workload's producers (slots first) write input
 * partition 0, and each of `consumers` instances reads it and writes output partition 1 through
 * its own transactional producer (`transactional.id` app), committing its offsets in the
 * transaction (KIP-447's group metadata); one record, one poll at a time, no faults.
 */
export function exactlyOnceConfig(consumers = 1, workloadProducers = 1): ModelConfig {
  return configWith({
    brokers: 1,
    replicationFactor: 1,
    partitions: 2,
    producers: workloadProducers + consumers,
    records: 1,
    transactionalId: 'app',
    isolationLevel: 'read_committed',
    faults: noFaults,
    pipeline: {
      consumers,
      commit: 'transactional',
      sink: 'topic',
      assignor: 'range',
      staticMembership: false,
      autoOffsetReset: 'earliest',
      maxPollRecords: 1,
      inputPartitions: 1,
      workloadProducers,
      sendOffsets: 'group-metadata',
    },
  });
}

/**
 * How instance 0 of `exactlyOnceConfig()` comes to have processed the record at offset 0 of input
 * partition 0: the workload writes it, the instance's producer (slot 1) gets its PID, the group of
 * one forms, and the instance fetches its offset, polls and processes.
 */
export const eosProcessesFirstRecord: readonly Action[] = [
  { type: 'Send', producer: 0 },
  { type: 'InitProducerId', producer: 0 },
  { type: 'SendInitProducerId', producer: 1 },
  { type: 'SendProduce', producer: 0, partition: 0 },
  { type: 'HandleProduce', producer: 0, broker: 0, from: 'connection' },
  { type: 'HandleInitProducerId', producer: 1, broker: 0, from: 'connection' },
  { type: 'HandleInitProducerIdResponse', producer: 1, broker: 0 },
  { type: 'JoinGroup', consumer: 0 },
  { type: 'SyncGroup', consumer: 0 },
  { type: 'OffsetFetch', consumer: 0, partition: 0 },
  { type: 'ConsumerPoll', consumer: 0, partition: 0 },
  { type: 'ProcessRecord', consumer: 0 },
];

/** Then instance 0 adds the group's offsets to its transaction (AddOffsetsToTxn, answered): its next step is TxnOffsetCommit. */
export const eosAddsOffsets: readonly Action[] = [
  { type: 'SendAddOffsetsToTxn', consumer: 0 },
  { type: 'HandleAddOffsetsToTxn', producer: 1, broker: 0, from: 'connection' },
  { type: 'HandleAddOffsetsToTxnResponse', producer: 1, broker: 0 },
];

/**
 * One consumer of a two-partition input topic written by one producer, its results kept in an
 * external store, committing by `commit`, reset to the earliest offset, polling up to 500 records.
 */
export function storeConsumerConfig(
  commit: CommitStrategy,
  faults: FaultBudget,
  staticMembership = false,
): ModelConfig {
  return configWith({
    brokers: 1,
    replicationFactor: 1,
    partitions: 2,
    records: 1,
    faults,
    pipeline: {
      consumers: 1,
      commit,
      sink: 'external-store',
      assignor: 'range',
      staticMembership,
      autoOffsetReset: 'earliest',
      maxPollRecords: 500,
      inputPartitions: 2,
      workloadProducers: 1,
      sendOffsets: 'group-metadata',
    },
  });
}

/** How the consumer of `storeConsumerConfig` comes to have polled the record at offset 0 of partition 0. */
export const storeConsumerPollsFirstRecord: readonly Action[] = [
  { type: 'InitProducerId', producer: 0 },
  { type: 'Send', producer: 0 },
  { type: 'JoinGroup', consumer: 0 },
  { type: 'SyncGroup', consumer: 0 },
  { type: 'OffsetFetch', consumer: 0, partition: 0 },
  { type: 'OffsetFetch', consumer: 0, partition: 1 },
  { type: 'SendProduce', producer: 0, partition: 0 },
  { type: 'HandleProduce', producer: 0, broker: 0, from: 'connection' },
  { type: 'ConsumerPoll', consumer: 0, partition: 0 },
];

/** One broker, one transactional producer (`transactional.id` tx) with two records in one transaction, and these fault budgets. */
export function oneBrokerTransactionConfig(faults: FaultBudget): ModelConfig {
  return configWith({
    brokers: 1,
    replicationFactor: 1,
    transactionalId: 'tx',
    records: 2,
    transactionRecords: 2,
    faults,
  });
}

/** `config` under transaction version 2: KIP-890's implicit AddPartitionsToTxn and an epoch bump per transaction. */
export function withTransactionVersion2(config: ModelConfig): ModelConfig {
  return configWith({ ...config, variants: { ...config.variants, transactionVersion: '2' } });
}

/** How that producer (slot 0) gets its PID from the coordinator on broker 0 and sends its first record. */
export const txnProducerSendsFirstRecord: readonly Action[] = [
  { type: 'SendInitProducerId', producer: 0 },
  { type: 'HandleInitProducerId', producer: 0, broker: 0, from: 'connection' },
  { type: 'HandleInitProducerIdResponse', producer: 0, broker: 0 },
  { type: 'Send', producer: 0 },
];

/** A forged ProduceRequest: PID 0's first batch at epoch 0 and sequence 0 to partition 0, with `fields` changed. */
export function produceRequest(
  records: readonly RecordRef[],
  fields: Partial<ProducerBatch> = {},
): ProduceRequest {
  return {
    kind: 'Produce',
    batch: {
      partition: 0,
      records,
      producerId: 0,
      producerEpoch: 0,
      baseSequence: 0,
      inRetry: false,
      sequenceReset: false,
      retriesLeft: null,
      ...fields,
    },
  };
}
