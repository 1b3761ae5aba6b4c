/**
 * What the model is parameterised by: the Kafka settings it honours (Kafka's keys in camelCase,
 * Kafka's defaults), the size of the cluster and workload, the fault budgets and the protocol
 * variants. Parsing `.properties` files into this shape lives in `src/config`; the model only
 * reads it.
 */

/** `acks` as the producer sends it: `all` and `-1` are the same setting in Kafka. */
export type Acks = '0' | '1' | 'all';

/** What the application does when `send()` reports a failure through its callback. */
export type FailurePolicy = 'give-up' | 'resend';

/**
 * How a follower decides what to truncate when it starts following a new leader or restarts.
 * `leader-epoch` is Kafka since KIP-101 and KIP-279; `high-watermark` is the older, lossy rule.
 */
export type TruncationVariant = 'leader-epoch' | 'high-watermark';

/**
 * What a leader with no producer state for a PID does with the PID's first batch. Kafka 3.9
 * accepts any sequence (since KIP-360), so a batch can land before an earlier one that met a
 * retriable error (KAFKA-14359). KAFKA-15591 rejects a first batch that does not start at 0 on
 * an empty partition.
 */
export type FirstSequenceVariant = 'accept-any' | 'zero-on-empty-log';

/**
 * Kafka's transaction protocol version: 1 is Kafka 3.9's; 2 is Kafka 4.0's (KIP-890 part 2), where
 * every EndTxn bumps the producer epoch and a partition leader adds partitions to the
 * transaction itself.
 */
export type TransactionVersion = '1' | '2';

/**
 * Where a leader stops a `read_committed` fetch: below the last stable offset (`exclusive`,
 * Kafka), or one past it (`inclusive`: the off-by-one Jepsen found in a Kafka-compatible broker,
 * which serves the first record of an open transaction).
 */
export type LsoVariant = 'exclusive' | 'inclusive';

/**
 * What the transactional client's abortTransaction() does with batches still in flight. Kafka
 * 3.9's Java client waits until every batch it sent is answered or failed before EndTxn(abort),
 * and after an abortable error bumps its epoch once the abort completes (`wait`). `overtake` is
 * a client that sends EndTxn(abort) while its batches still travel and bumps nothing, so the
 * abort's markers overtake a late batch: KIP-890's second scenario. KAFKA-14053's fix (PR 12392,
 * bump instead of aborting on a delivery timeout) was never merged, so no released Java client
 * is this; 3.9 lets only a batch delivery.timeout.ms failed overtake its abort.
 */
export type AbortVariant = 'wait' | 'overtake';

/**
 * What fences a zombie's TxnOffsetCommit: since KIP-447 (Kafka 2.5) the group coordinator checks
 * the consumer's generation and member id; before it only the producer epoch of the
 * `transactional.id` did.
 */
export type TxnOffsetFencingVariant = 'group-generation' | 'transactional-id';

/**
 * Whether the consumer's OffsetFetch asks for stable offsets (KIP-447's `require_stable`, which
 * Kafka 3.9's consumer always sets): `true` waits while transactional offsets are pending; `false`
 * is the older fetch that returns the last committed offset regardless.
 */
export type RequireStableVariant = 'true' | 'false';

/**
 * Whether a consumer validates its fetch position after a leader change: since KIP-320 (Kafka
 * 2.1) it asks the new leader where the position's leader epoch ends (OffsetsForLeaderEpoch) and
 * seeks back to the first offset known to diverge; `none` is the older consumer that fetches on
 * from its position, past a truncation.
 */
export type ConsumerPositionValidationVariant = 'leader-epoch' | 'none';

export interface ProtocolVariants {
  readonly truncation: TruncationVariant;
  readonly firstSequence: FirstSequenceVariant;
  readonly transactionVersion: TransactionVersion;
  readonly lso: LsoVariant;
  readonly abortInFlight: AbortVariant;
  readonly txnOffsetFencing: TxnOffsetFencingVariant;
  readonly requireStable: RequireStableVariant;
  readonly consumerPositionValidation: ConsumerPositionValidationVariant;
}

/** A consumer's `isolation.level`. */
export type IsolationLevel = 'read_uncommitted' | 'read_committed';

/**
 * When the application commits the offsets it consumed: `before` processing (at most once),
 * `after` processing (at least once), `auto` (enable.auto.commit: the consumer commits at the next
 * poll, on revocation and on close), `on-revoke` (only in onPartitionsRevoked and on close),
 * `transactional` (sendOffsetsToTransaction, KIP-447) or `external` (the offsets go to the
 * external store in the same write as the output).
 */
export type CommitStrategy = 'before' | 'after' | 'auto' | 'on-revoke' | 'transactional' | 'external';

/** Where the application writes its result: a topic, an external store, or an e-mail per record. */
export type SinkKind = 'topic' | 'external-store' | 'side-effect';

/**
 * The assignor the group uses, after Kafka's classes in `partition.assignment.strategy`: the
 * first three are eager (every member revokes everything at each rebalance), the last cooperative.
 */
export type AssignorName = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';

/**
 * What the application hands `sendOffsetsToTransaction`: `consumer.groupMetadata()`, so
 * TxnOffsetCommit carries the generation and member id (KIP-447), or the group id alone (the
 * deprecated overload), which leaves nothing to check.
 */
export type SendOffsetsWith = 'group-metadata' | 'group-id';

/** `auto.offset.reset`: where a consumer starts on a partition with no committed offset. */
export type OffsetReset = 'latest' | 'earliest' | 'none';

/** The consume-process-produce application: one consumer group reading the whole topic. */
export interface PipelineConfig {
  /** Application instances, each one group member (`--consumers`). */
  readonly consumers: number;
  readonly commit: CommitStrategy;
  readonly sink: SinkKind;
  readonly assignor: AssignorName;
  /** `group.instance.id` set: static membership (KIP-345). */
  readonly staticMembership: boolean;
  readonly autoOffsetReset: OffsetReset;
  /** `max.poll.records`, counted in the model's records. */
  readonly maxPollRecords: number;
  /**
   * The input topic's partitions, the first ones of the cluster; an output topic's one partition
   * follows them (see writesOutputTopic).
   */
  readonly inputPartitions: number;
  /** The producers writing the input; with an output topic instance c's producer is slot workloadProducers + c. */
  readonly workloadProducers: number;
  readonly sendOffsets: SendOffsetsWith;
}

/** Whether the assignor is cooperative (KIP-429): only moved partitions are revoked. */
export function isCooperative(pipeline: PipelineConfig): boolean {
  return pipeline.assignor === 'cooperative-sticky';
}

/** How many faults of each kind one schedule may inject. */
export interface FaultBudget {
  /** Broker process crashes: the page cache survives. */
  readonly crash: number;
  /** Broker machine crashes: everything after the flushed prefix is lost. */
  readonly powerLoss: number;
  /** Lost requests, lost responses, connection resets and request timeouts. */
  readonly network: number;
  /** delivery.timeout.ms expiring a batch the producer has not finished with. */
  readonly deliveryTimeout: number;
  /** Followers dropped from the ISR for lagging (replica.lag.time.max.ms). */
  readonly isr: number;
  /** Producer process crashes (the application restarts with a new producer instance). */
  readonly producerRestart: number;
  /** The application decides to abort a transaction instead of committing it. */
  readonly abort: number;
  /** A transactional producer stops past transaction.timeout.ms and later wakes as a zombie. */
  readonly producerStall: number;
  /** The transaction coordinator moves to another broker (__transaction_state leadership). */
  readonly coordinatorMove: number;
  /** An application instance of the pipeline dies (and restarts with a new consumer). */
  readonly consumerCrash: number;
  /** An application instance stops past its session timeout or poll interval and wakes later as a zombie. */
  readonly consumerPause: number;
  /** A member leaves the group cleanly (close(), LeaveGroup) and later joins again: a rebalance. */
  readonly rebalance: number;
  /** The group coordinator moves to another broker (__consumer_offsets leadership). */
  readonly groupCoordinatorMove: number;
}

export type FaultKind = keyof FaultBudget;

/** A budget of no faults at all. */
export const noFaults: FaultBudget = {
  crash: 0,
  powerLoss: 0,
  network: 0,
  deliveryTimeout: 0,
  isr: 0,
  producerRestart: 0,
  abort: 0,
  producerStall: 0,
  coordinatorMove: 0,
  consumerCrash: 0,
  consumerPause: 0,
  rebalance: 0,
  groupCoordinatorMove: 0,
};

export const faultKinds: readonly FaultKind[] = [
  'crash',
  'powerLoss',
  'network',
  'deliveryTimeout',
  'isr',
  'producerRestart',
  'abort',
  'producerStall',
  'coordinatorMove',
  'consumerCrash',
  'consumerPause',
  'rebalance',
  'groupCoordinatorMove',
];

/** The fault kinds only a pipeline (consumer group) has. */
export const groupFaultKinds: readonly FaultKind[] = [
  'consumerCrash',
  'consumerPause',
  'rebalance',
  'groupCoordinatorMove',
];

export interface ModelConfig {
  // Cluster and topic.
  readonly brokers: number;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
  readonly uncleanLeaderElectionEnable: boolean;
  /** `flush.messages`: fsync after this many appended records; Kafka's default (Long.MAX_VALUE) never does. */
  readonly flushMessages: number;

  // Producer.
  readonly acks: Acks;
  readonly retries: number;
  readonly enableIdempotence: boolean;
  readonly maxInFlightRequestsPerConnection: number;
  /** `batch.size`, counted in records for the model. */
  readonly batchSize: number;
  readonly deliveryTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly lingerMs: number;
  /** `transactional.id`, or null (Kafka's default): producer i uses this id suffixed with `-i`. */
  readonly transactionalId: string | null;
  readonly transactionTimeoutMs: number;

  // Broker.
  /** `transaction.max.timeout.ms`: the most a producer's transaction.timeout.ms may ask for. */
  readonly transactionMaxTimeoutMs: number;
  /** `transaction.partition.verification.enable` (KIP-890 part 1). */
  readonly transactionPartitionVerificationEnable: boolean;

  // Consumer.
  /** The reader's `isolation.level`. */
  readonly isolationLevel: IsolationLevel;

  // Consume, process, produce.
  /** The application that consumes the topic in a consumer group; null: no consumer group. */
  readonly pipeline: PipelineConfig | null;

  // Workload.
  readonly producers: number;
  /** Records each producer's application sends, in order; record r goes to partition r mod partitions. */
  readonly records: number;
  readonly onFailure: FailurePolicy;
  /** Records per transaction of a transactional producer (`--transaction-records`). */
  readonly transactionRecords: number;

  // Exploration bounds and protocol.
  readonly faults: FaultBudget;
  readonly variants: ProtocolVariants;
}

/** Kafka's `Long.MAX_VALUE`, the default of `flush.messages`: the OS page cache decides, never Kafka. */
export const LONG_MAX = Number(9223372036854775807n);

/** Kafka's `Integer.MAX_VALUE`, the default of `retries`. */
export const INT_MAX = 2147483647;

export const defaultFaults: FaultBudget = {
  crash: 1,
  powerLoss: 0,
  network: 2,
  deliveryTimeout: 0,
  isr: 1,
  producerRestart: 0,
  abort: 0,
  producerStall: 0,
  coordinatorMove: 0,
  consumerCrash: 0,
  consumerPause: 0,
  rebalance: 0,
  groupCoordinatorMove: 0,
};

/** Kafka 3.9's defaults, on a three-broker cluster with one single-partition topic and one producer. */
export const defaultConfig: ModelConfig = {
  brokers: 3,
  partitions: 1,
  replicationFactor: 3,
  minInsyncReplicas: 1,
  uncleanLeaderElectionEnable: false,
  flushMessages: LONG_MAX,
  acks: 'all',
  retries: INT_MAX,
  enableIdempotence: true,
  maxInFlightRequestsPerConnection: 5,
  batchSize: 16384,
  deliveryTimeoutMs: 120000,
  requestTimeoutMs: 30000,
  lingerMs: 0,
  transactionalId: null,
  transactionTimeoutMs: 60000,
  transactionMaxTimeoutMs: 900000,
  transactionPartitionVerificationEnable: true,
  isolationLevel: 'read_uncommitted',
  pipeline: null,
  producers: 1,
  records: 3,
  onFailure: 'give-up',
  transactionRecords: 2,
  faults: defaultFaults,
  variants: {
    truncation: 'leader-epoch',
    firstSequence: 'accept-any',
    transactionVersion: '1',
    lso: 'exclusive',
    abortInFlight: 'wait',
    txnOffsetFencing: 'group-generation',
    requireStable: 'true',
    consumerPositionValidation: 'leader-epoch',
  },
};

/**
 * A retry budget this large can never run out in a model run: at Kafka's default
 * `retry.backoff.ms` (100) a batch hits `delivery.timeout.ms` after far fewer attempts, so
 * counting attempts would only tell apart states that mean the same.
 */
export const RETRIES_UNBOUNDED = 1000;

/** The brokers hosting a partition, preferred leader first: Kafka's round-robin assignment. */
export function replicaBrokers(config: ModelConfig, partition: number): readonly number[] {
  const brokers: number[] = [];
  for (let i = 0; i < config.replicationFactor; i++) brokers.push((partition + i) % config.brokers);
  return brokers;
}

/** The partition a workload record is keyed to. */
export function partitionOf(config: ModelConfig, record: number): number {
  return record % inputPartitionCount(config);
}

/**
 * The ISR size acks=all needs and the high watermark waits for. Kafka 3.9 caps
 * min.insync.replicas at the replica count (Partition.effectiveMinIsr), so a setting above
 * replication.factor means "every replica in sync", not "never".
 */
export function effectiveMinInsyncReplicas(config: ModelConfig): number {
  return Math.min(config.minInsyncReplicas, config.replicationFactor);
}

/** Whether the cluster has transactional producers (`transactional.id` set). */
export function isTransactional(config: ModelConfig): boolean {
  return config.transactionalId !== null;
}

/**
 * Whether the application writes an output topic through producers of its own: an exactly-once
 * application commits its offsets in the transaction that carries its outputs (with a side-effect
 * sink it sends its e-mails as well).
 */
export function writesOutputTopic(config: ModelConfig): boolean {
  return config.pipeline?.commit === 'transactional';
}

/** The application instance whose output producer this slot is, or -1 for a workload producer. */
export function instanceOfProducer(config: ModelConfig, producer: number): number {
  const p = config.pipeline;
  if (p === null || !writesOutputTopic(config) || producer < p.workloadProducers) return -1;
  return producer - p.workloadProducers;
}

/** The producer slot of application instance c's output producer. */
export function producerOfInstance(config: ModelConfig, consumer: number): number {
  return config.pipeline!.workloadProducers + consumer;
}

/** Whether a producer sends the input workload (every producer without a topic sink). */
export function isWorkloadProducer(config: ModelConfig, producer: number): boolean {
  return instanceOfProducer(config, producer) < 0;
}

/**
 * Whether this producer uses `transactional.id`: with a pipeline only the application's output
 * producers do (the settings describe the application); the input is written idempotently.
 */
export function isTransactionalProducer(config: ModelConfig, producer: number): boolean {
  if (!isTransactional(config)) return false;
  return config.pipeline === null || !isWorkloadProducer(config, producer);
}

/** The partitions the workload writes and the group reads: all of them without a topic sink. */
export function inputPartitionCount(config: ModelConfig): number {
  return config.pipeline === null ? config.partitions : config.pipeline.inputPartitions;
}

/** The output topic's partition, the last of the cluster (when the application writes one). */
export function outputPartition(config: ModelConfig): number {
  return config.partitions - 1;
}

/** The transaction a workload record belongs to (its index in the application's sequence). */
export function transactionOf(config: ModelConfig, record: number): number {
  return Math.floor(record / config.transactionRecords);
}

/** The workload records of transaction `t`: [first, end). */
export function transactionRecords(config: ModelConfig, t: number): { first: number; end: number } {
  const first = t * config.transactionRecords;
  return { first, end: Math.min(config.records, first + config.transactionRecords) };
}
