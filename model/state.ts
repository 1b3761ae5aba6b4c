/**
 * The state of the modelled cluster: plain, serialisable, deeply readonly data. Two schedules
 * that reach the same situation build equal values, so a state can be fingerprinted: nothing in
 * here is a counter kept for bookkeeping, and every list has an order that means something.
 */
import {
  type FaultBudget,
  inputPartitionCount,
  isTransactional,
  isTransactionalProducer,
  type ModelConfig,
  noFaults,
  type PipelineConfig,
  RETRIES_UNBOUNDED,
  replicaBrokers,
} from './config.ts';

/** Kafka's error codes, by Kafka's names, as the model's requests can meet them. */
export type KafkaError =
  | 'NotLeaderOrFollower'
  | 'NotEnoughReplicas'
  | 'NotEnoughReplicasAfterAppend'
  | 'OutOfOrderSequence'
  | 'InvalidProducerEpoch'
  | 'NetworkException'
  | 'RequestTimedOut'
  /** The client's TimeoutException when delivery.timeout.ms expires a batch. */
  | 'TimeoutException'
  | 'ProducerFenced'
  | 'ConcurrentTransactions'
  | 'InvalidTxnState'
  | 'NotCoordinator'
  /** The client's TransactionAbortedException for the records of an aborted transaction. */
  | 'TransactionAborted';

/** One record as it travels: which producer's application handed it to `send()`, and which call it was. */
export interface RecordRef {
  readonly producer: number;
  /** Index into that producer's `sends` history. */
  readonly send: number;
}

/** A batch as it sits in a replica's log. Followers copy it unchanged. */
export interface LogBatch {
  readonly baseOffset: number;
  /** Epoch of the leader that appended it; the leader-epoch cache is derived from these. */
  readonly leaderEpoch: number;
  /** Kafka's producer id (PID), or -1 for a producer without idempotence. */
  readonly producerId: number;
  readonly producerEpoch: number;
  /** Sequence number of the first record, or -1 without idempotence. */
  readonly baseSequence: number;
  readonly records: readonly RecordRef[];
  /** Written inside a transaction: hidden from read_committed until its COMMIT marker. */
  readonly transactional: boolean;
  /** A control batch (transaction marker) takes one offset and holds no records. */
  readonly control: ControlType | null;
}

/** The transaction marker a control batch carries. */
export type ControlType = 'COMMIT' | 'ABORT';

export interface Replica {
  readonly broker: number;
  readonly log: readonly LogBatch[];
  /** Offset of the next record this replica would append. */
  readonly logEndOffset: number;
  /** Records below this offset are committed; a follower learns it from the leader's fetch responses. */
  readonly highWatermark: number;
  /** Prefix that survived an fsync: a power loss truncates the log to it. */
  readonly flushedOffset: number;
  /**
   * The leader epoch this replica has caught up with. A follower whose epoch is behind the
   * partition's must truncate (OffsetsForLeaderEpoch) before it fetches; a restart sets it to -1.
   */
  readonly leaderEpoch: number;
}

export interface Partition {
  /** Broker leading the partition, or null while offline (the controller has not elected one). */
  readonly leader: number | null;
  readonly leaderEpoch: number;
  /** In-sync replicas, as the controller stores them, ascending broker ids. */
  readonly isr: readonly number[];
  /** One replica per assigned broker, in assignment order (the preferred leader first). */
  readonly replicas: readonly Replica[];
  /**
   * The leader's view of each follower's log end offset, in assignment order: the fetch offset of
   * the follower's last fetch in the current leader epoch (0 until it fetches).
   */
  readonly followerEndOffsets: readonly number[];
}

/** A producer batch: records for one partition that travel, and are retried, together. */
export interface ProducerBatch {
  readonly partition: number;
  readonly records: readonly RecordRef[];
  readonly producerId: number;
  readonly producerEpoch: number;
  /** Assigned when the batch is first drained; -1 before that or without idempotence. */
  readonly baseSequence: number;
  /** The batch failed once and was put back for a retry (Kafka's `inRetry`). */
  readonly inRetry: boolean;
  /** An epoch bump rewrote its sequence (Kafka's `sequenceHasBeenReset`). */
  readonly sequenceReset: boolean;
  /** Retries left under `retries`, or null when the budget cannot run out (see RETRIES_UNBOUNDED). */
  readonly retriesLeft: number | null;
}

/** A batch the producer has sent and awaits an answer for, in request order per connection. */
export interface InFlightBatch {
  readonly batch: ProducerBatch;
  /** delivery.timeout.ms already failed it; its late answer is read and ignored. */
  readonly expired: boolean;
}

/** The producer's bookkeeping for one partition (Kafka's TransactionManager partition entry). */
export interface ProducerPartition {
  /** Batches waiting in the record accumulator: retries first in sequence order, then new ones. */
  readonly accumulator: readonly ProducerBatch[];
  readonly nextSequence: number;
  readonly lastAckedSequence: number;
  /** Producer epoch the sequences above count in; behind the producer's epoch after a bump elsewhere. */
  readonly sequenceEpoch: number;
  /**
   * A retried batch expired, so whether the broker wrote it is unknown: the sequence after it,
   * or -1. No new batch leaves for the partition until this resolves.
   */
  readonly unresolvedSequence: number;
  /** The sequence gap is real: bump the epoch and start this partition's sequences from 0 (KIP-360). */
  readonly rewriteSequences: boolean;
}

/** Kafka's TransactionManager.State, by Kafka's names. */
export type ClientTransactionState =
  | 'Uninitialized'
  | 'Initializing'
  | 'Ready'
  | 'InTransaction'
  | 'CommittingTransaction'
  | 'AbortingTransaction'
  | 'AbortableError'
  | 'FatalError';

/** What a transactional producer's TransactionManager keeps. */
export interface ClientTransaction {
  readonly state: ClientTransactionState;
  /** Partitions the coordinator has added to the current transaction, as a bit per partition. */
  readonly added: number;
  /** The broker a coordinator request (InitProducerId, AddPartitionsToTxn, EndTxn) awaits an answer from, or -1. */
  readonly awaiting: number;
  /** The application's transaction under way: an index into the producer's `attempts`, or -1. */
  readonly attempt: number;
}

export interface Producer {
  /** `stalled`: the process is alive but takes no step (a GC pause, a stopped container). */
  readonly status: 'running' | 'stalled' | 'crashed';
  /** Kafka's PID: null while an idempotent producer waits for InitProducerId, -1 without idempotence. */
  readonly producerId: number | null;
  readonly producerEpoch: number;
  /** The next workload record the application will hand to `send()`. */
  readonly nextRecord: number;
  readonly partitions: readonly ProducerPartition[];
  /** Per broker, the requests awaiting a response, oldest first. */
  readonly inFlight: readonly (readonly InFlightBatch[])[];
  /** A transactional producer's transaction state; null without `transactional.id`. */
  readonly transaction: ClientTransaction | null;
}

/** A ProduceRequest for one batch. */
export interface ProduceRequest {
  readonly kind: 'Produce';
  readonly batch: ProducerBatch;
}

/** InitProducerId for the connection's producer's transactional.id, to its transaction coordinator. */
export interface InitProducerIdRequest {
  readonly kind: 'InitProducerId';
}

export interface AddPartitionsToTxnRequest {
  readonly kind: 'AddPartitionsToTxn';
  readonly producerId: number;
  readonly producerEpoch: number;
  /** A bit per partition. */
  readonly partitions: number;
}

export interface EndTxnRequest {
  readonly kind: 'EndTxn';
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly commit: boolean;
}

/** sendOffsetsToTransaction(): the client adds the group's `__consumer_offsets` partition to the transaction. */
export interface AddOffsetsToTxnRequest {
  readonly kind: 'AddOffsetsToTxn';
  readonly producerId: number;
  readonly producerEpoch: number;
}

/** A request to a transaction coordinator. */
export type CoordinatorRequest =
  | InitProducerIdRequest
  | AddPartitionsToTxnRequest
  | EndTxnRequest
  | AddOffsetsToTxnRequest;

/**
 * A request on a connection, tagged with its Kafka API; the network faults act on a connection
 * whatever kinds it carries.
 */
export type Request = ProduceRequest | CoordinatorRequest;

export type ProduceResult =
  | { readonly error: 'None'; readonly baseOffset: number; readonly duplicate: boolean }
  | { readonly error: KafkaError };

export interface ProduceResponse {
  readonly kind: 'Produce';
  readonly partition: number;
  readonly baseSequence: number;
  readonly result: ProduceResult;
}

/** A produce request the leader has appended and parks until the high watermark passes it (acks=all). */
export interface PendingProduce {
  readonly request: ProduceRequest;
  readonly baseOffset: number;
  /** The high watermark must reach this offset (the batch's last offset + 1). */
  readonly requiredOffset: number;
  /** The batch was already in the log: the answer is DuplicateSequenceNumber, reported as success. */
  readonly duplicate: boolean;
}

/** A transaction coordinator's answer: the error, and for InitProducerId (and EndTxn under version 2) the PID and epoch. */
export interface CoordinatorResponse {
  readonly kind: CoordinatorRequest['kind'];
  readonly error: KafkaError | 'None';
  readonly producerId: number;
  readonly producerEpoch: number;
  /** For AddPartitionsToTxn, the partitions added (a bit per partition); else 0. */
  readonly partitions: number;
}

/** A response on a connection, tagged as its request. */
export type Response = ProduceResponse | CoordinatorResponse;

/**
 * One client-to-broker TCP connection. Per connection, the broker reads one request at a
 * time and answers in order: Kafka mutes the channel until the response is written.
 */
export interface Connection {
  /** Requests written by the producer and not yet read by the broker, oldest first. */
  readonly requests: readonly Request[];
  /** The request the broker has read and parked in purgatory (acks=all), if any. */
  readonly purgatory: PendingProduce | null;
  /** Responses written by the broker and not yet read by the producer, oldest first. */
  readonly responses: readonly Response[];
  /** A lost segment stalls a TCP stream: nothing more arrives on it until the producer reconnects. */
  readonly requestsLost: boolean;
  readonly responsesLost: boolean;
  /**
   * Requests of connections the producer has closed after a request timeout that the broker
   * may still read and apply; nobody reads their responses.
   */
  readonly orphans: readonly Request[];
}

export type SendOutcome =
  | { readonly status: 'pending' }
  | { readonly status: 'acknowledged'; readonly offset: number }
  | { readonly status: 'failed'; readonly error: KafkaError };

/** One call of `send()` by an application, as an outside observer sees it. */
export interface Send {
  readonly record: number;
  readonly partition: number;
  readonly outcome: SendOutcome;
  /** The transaction attempt it was sent in (an index into the producer's `attempts`), or -1. */
  readonly attempt: number;
  /** For an application instance's output: the input record it is the result of. */
  readonly input?: RecordRef;
}

/**
 * How one transaction attempt ended, as its application saw it: `unknown` when the instance died
 * or was fenced before commitTransaction() or abortTransaction() returned.
 */
export type AttemptOutcome = 'open' | 'committed' | 'aborted' | 'unknown';

/** Kafka's TransactionState on the coordinator. */
export type TransactionState =
  | 'Empty'
  | 'Ongoing'
  | 'PrepareCommit'
  | 'PrepareAbort'
  | 'CompleteCommit'
  | 'CompleteAbort'
  | 'PrepareEpochFence';

/** A marker the coordinator must still have acknowledged by a partition's leader. */
export interface PendingMarker {
  readonly partition: number;
  /** Where the leader appended it and in which leader epoch, or -1 before it is written. */
  readonly offset: number;
  readonly leaderEpoch: number;
}

/**
 * Kafka's TransactionMetadata for one transactional.id, as `__transaction_state` holds it
 * (durable and replicated, so it survives its coordinator).
 */
export interface TransactionMetadata {
  /** -1 until the first InitProducerId. */
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly state: TransactionState;
  /** A bit per partition in the transaction. */
  readonly partitions: number;
  /** While Prepare*: the markers not yet acknowledged, by partition. */
  readonly pendingMarkers: readonly PendingMarker[];
  /** The broker leading this id's `__transaction_state` partition, and its coordinator epoch. */
  readonly coordinator: number;
  readonly coordinatorEpoch: number;
  /**
   * The consumer group's offsets in the transaction (AddOffsetsToTxn): `added`, and while
   * Prepare*, `marker` until the group coordinator has the transaction's marker.
   */
  readonly groupOffsets: GroupOffsetsInTxn;
}

export type GroupOffsetsInTxn = 'none' | 'added' | 'marker';

/** A record a reader's poll returned, at its offset. */
export interface PolledRecord {
  readonly offset: number;
  readonly ref: RecordRef;
}

/** A consumer assigned one partition (`assign()`, no group) with the configured isolation.level. */
export interface Reader {
  /** The offset it fetches from next. */
  readonly position: number;
  /** What its polls returned, in order. */
  readonly returned: readonly PolledRecord[];
}

/** Kafka's classic group states (ClassicGroupState), by Kafka's names. */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable';

/** One member slot of the group coordinator's metadata: application instance i is slot i. */
export interface GroupMember {
  /** The incarnation of the instance the coordinator knows as this member, or -1: not a member. */
  readonly instance: number;
  /** It has sent JoinGroup in the rebalance under way. */
  readonly joined: boolean;
  /** The partitions it said it owns when it joined (cooperative), a bit per partition. */
  readonly owned: number;
  /** Its assignment in the current generation, a bit per partition. */
  readonly assignment: number;
}

/**
 * The group coordinator's metadata for the application's group, as `__consumer_offsets` holds it
 * (durable and replicated, so a new coordinator loads it).
 */
export interface GroupMetadata {
  readonly state: GroupState;
  readonly generation: number;
  /** The member slot that leads the generation (its SyncGroup completes the rebalance), or -1. */
  readonly leader: number;
  readonly members: readonly GroupMember[];
  /** The committed offset of each partition, or -1 for none. */
  readonly committed: readonly number[];
  /** The broker leading the group's `__consumer_offsets` partition, and its epoch. */
  readonly coordinator: number;
  readonly coordinatorEpoch: number;
  /** TxnOffsetCommits whose transaction has not ended: the offsets wait for its marker, by PID. */
  readonly pending: readonly PendingTxnOffsets[];
}

/** Offsets a transaction committed with TxnOffsetCommit, visible once its COMMIT marker arrives. */
export interface PendingTxnOffsets {
  readonly producerId: number;
  /** Per input partition, the offset to commit, or -1 for none. */
  readonly offsets: readonly number[];
}

/** `paused`: alive but taking no step (a GC pause); `stopped`: closed cleanly; `failed`: an exception ended it. */
export type InstanceStatus = 'running' | 'paused' | 'crashed' | 'stopped' | 'failed';

/** The consumer's view of its membership: before JoinGroup, awaiting the join's end, or in a generation. */
export type MemberPhase = 'unjoined' | 'joining' | 'stable';

/**
 * Where the application is in its loop: in `poll()` (where rebalances and auto-commits happen),
 * committing before processing, processing its batch, or committing after it; transactionally,
 * sending its offsets to the transaction (AddOffsetsToTxn, then TxnOffsetCommit) and committing it.
 */
export type LoopStage =
  | 'poll'
  | 'commit-before'
  | 'process'
  | 'commit-after'
  | 'add-offsets'
  | 'txn-offset-commit'
  | 'commit-txn';

/** A record a group consumer's poll returned, and the partition it came from. */
export interface ConsumedRecord {
  readonly partition: number;
  readonly offset: number;
  readonly ref: RecordRef;
}

/** One instance of the consume-process-produce application: its consumer and its loop. */
export interface ApplicationInstance {
  readonly status: InstanceStatus;
  /** Incarnations so far: a restart starts the next one (a new member id). */
  readonly instance: number;
  readonly phase: MemberPhase;
  /** The generation it believes it is in, or -1. */
  readonly generation: number;
  /** The partitions it believes it owns, a bit per partition. */
  readonly owned: number;
  /** Its fetch position per partition, or -1 until OffsetFetch (or a reset) sets it. */
  readonly positions: readonly number[];
  /**
   * Per partition, the leader epoch its position was set under (by OffsetFetch, a fetch, a reset
   * or a validation), or -1 without a position. A leader with a newer epoch makes the consumer
   * validate the position first (KIP-320).
   */
  readonly positionEpochs: readonly number[];
  readonly stage: LoopStage;
  /** The records the last poll returned that it has not processed yet, in order. */
  readonly batch: readonly ConsumedRecord[];
}

/** What the application wrote outside Kafka: its store (outputs and offsets) and its e-mails. */
export interface Sink {
  /** The input records whose output is in the external store, in write order. */
  readonly outputs: readonly RecordRef[];
  /** With `external` commits: the next offset to consume per partition, written with the outputs (-1: none). */
  readonly offsets: readonly number[];
  /** The input records an e-mail was sent for (nothing rolls these back). */
  readonly emails: readonly RecordRef[];
}

/** The consume-process-produce part of the state: the group, the application instances, the sink. */
export interface PipelineState {
  readonly group: GroupMetadata;
  readonly instances: readonly ApplicationInstance[];
  readonly sink: Sink;
}

/** Faults injected so far, per kind of budget. */
export type FaultsUsed = FaultBudget;

export interface State {
  readonly brokers: readonly { readonly up: boolean }[];
  readonly partitions: readonly Partition[];
  readonly producers: readonly Producer[];
  /** connections[producer][broker]. */
  readonly connections: readonly (readonly Connection[])[];
  /** The next PID the cluster hands out (InitProducerId). */
  readonly nextProducerId: number;
  readonly faultsUsed: FaultsUsed;
  /** Ghost state: every `send()` per producer with its outcome, for the properties. */
  readonly sends: readonly (readonly Send[])[];
  /** Per transactional.id (one per producer), the coordinator's metadata; empty without transactions. */
  readonly transactions: readonly TransactionMetadata[];
  /** One reader per partition; empty without transactions. */
  readonly readers: readonly Reader[];
  /** Ghost state: per producer, how each transaction attempt ended as the application saw it. */
  readonly attempts: readonly (readonly AttemptOutcome[])[];
  /** The consumer group and its application; absent without a pipeline. */
  readonly pipeline?: PipelineState;
}

export const emptyConnection: Connection = {
  requests: [],
  purgatory: null,
  responses: [],
  requestsLost: false,
  responsesLost: false,
  orphans: [],
};

export function emptyProducerPartition(sequenceEpoch: number): ProducerPartition {
  return {
    accumulator: [],
    nextSequence: 0,
    lastAckedSequence: -1,
    sequenceEpoch,
    unresolvedSequence: -1,
    rewriteSequences: false,
  };
}

/** A freshly started producer instance in slot `producer`: it has a PID only once InitProducerId answers. */
export function freshProducer(config: ModelConfig, nextRecord: number, producer: number): Producer {
  return {
    status: 'running',
    producerId: config.enableIdempotence ? null : -1,
    producerEpoch: config.enableIdempotence ? 0 : -1,
    nextRecord,
    partitions: Array.from({ length: config.partitions }, () =>
      emptyProducerPartition(config.enableIdempotence ? 0 : -1),
    ),
    inFlight: Array.from({ length: config.brokers }, () => []),
    transaction: isTransactionalProducer(config, producer)
      ? { state: 'Uninitialized', added: 0, awaiting: -1, attempt: -1 }
      : null,
  };
}

/** The retry budget a new batch starts with. */
export function initialRetries(config: ModelConfig): number | null {
  return config.retries >= RETRIES_UNBOUNDED ? null : config.retries;
}

export function initialState(config: ModelConfig): State {
  const partitions = Array.from({ length: config.partitions }, (_, p): Partition => {
    const brokers = replicaBrokers(config, p);
    return {
      leader: brokers[0] ?? null,
      leaderEpoch: 0,
      isr: [...brokers].sort((a, b) => a - b),
      replicas: brokers.map((broker) => ({
        broker,
        log: [],
        logEndOffset: 0,
        highWatermark: 0,
        flushedOffset: 0,
        leaderEpoch: 0,
      })),
      followerEndOffsets: brokers.map(() => 0),
    };
  });
  return {
    brokers: Array.from({ length: config.brokers }, () => ({ up: true })),
    partitions,
    producers: Array.from({ length: config.producers }, (_, p) => freshProducer(config, 0, p)),
    connections: Array.from({ length: config.producers }, () =>
      Array.from({ length: config.brokers }, () => emptyConnection),
    ),
    nextProducerId: 0,
    faultsUsed: noFaults,
    sends: Array.from({ length: config.producers }, () => []),
    transactions: isTransactional(config)
      ? Array.from({ length: config.producers }, (_, p) => initialTransaction(config, p))
      : [],
    readers: isTransactional(config)
      ? Array.from({ length: config.partitions }, () => ({ position: 0, returned: [] }))
      : [],
    attempts: Array.from({ length: config.producers }, () => []),
    ...(config.pipeline === null ? {} : { pipeline: initialPipeline(config, config.pipeline) }),
  };
}

/** A fresh application instance, not yet in the group. */
export function freshInstance(config: ModelConfig, instance: number): ApplicationInstance {
  return {
    status: 'running',
    instance,
    phase: 'unjoined',
    generation: -1,
    owned: 0,
    positions: Array.from({ length: inputPartitionCount(config) }, () => -1),
    positionEpochs: Array.from({ length: inputPartitionCount(config) }, () => -1),
    stage: 'poll',
    batch: [],
  };
}

/** No member, no commit, nothing written: the application has not started its group yet. */
export function initialPipeline(config: ModelConfig, pipeline: PipelineConfig): PipelineState {
  return {
    group: {
      state: 'Empty',
      generation: 0,
      leader: -1,
      members: Array.from({ length: pipeline.consumers }, () => ({
        instance: -1,
        joined: false,
        owned: 0,
        assignment: 0,
      })),
      committed: Array.from({ length: pipeline.inputPartitions }, () => -1),
      // Counted from the last broker, like the transaction coordinators.
      coordinator: config.brokers - 1,
      coordinatorEpoch: 0,
      pending: [],
    },
    instances: Array.from({ length: pipeline.consumers }, () => freshInstance(config, 0)),
    sink: { outputs: [], offsets: Array.from({ length: pipeline.inputPartitions }, () => -1), emails: [] },
  };
}

/** A transactional.id nobody has initialised yet. */
export function initialTransaction(config: ModelConfig, producer: number): TransactionMetadata {
  return {
    producerId: -1,
    producerEpoch: -1,
    state: 'Empty',
    partitions: 0,
    pendingMarkers: [],
    // The leader of the id's __transaction_state partition: counted from the last broker, so that
    // with a few partitions it is not the leader of the data partitions too.
    coordinator: (config.brokers - 1 - (producer % config.brokers) + config.brokers) % config.brokers,
    coordinatorEpoch: 0,
    groupOffsets: 'none',
  };
}
