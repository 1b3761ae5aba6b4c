/**
 * The scenarios deliverycheck ships, from SEMANTICS.md's semantics matrix: each a Kafka
 * configuration (Kafka's keys and values) plus the faults the search may inject. A preset states
 * a setup and a question, never an answer: verdicts come from the search, and the expected ones
 * live only in the tests.
 */
import { noFaults } from '../../model/index.ts';
import type { Scenario } from './resolve.ts';

export type PresetGroup = 'producer' | 'transactions' | 'pipeline' | 'protocol-bugs' | 'benchmark';

export interface Preset {
  readonly name: string;
  readonly group: PresetGroup;
  /** One line: the setup. */
  readonly title: string;
  /** What the search is asked, in a sentence or two. */
  readonly question: string;
  /** Kafka settings, by Kafka's keys, as a user would write them in .properties files. */
  readonly kafka: Readonly<Record<string, string>>;
  readonly scenario: Scenario;
  /** The model it runs: the Kafka model unless it names the anchors' canonical model. */
  readonly model?: 'canonical';
}

/** KAFKA-15591's rule, which the idempotence presets assume so they test the guarantee as fixed. */
const firstSequenceFixed = { firstSequence: 'zero-on-empty-log' } as const;

const idempotentProducer = {
  acks: 'all',
  'enable.idempotence': 'true',
  'max.in.flight.requests.per.connection': '5',
  'replication.factor': '3',
  'min.insync.replicas': '2',
};

/** A transactional producer on a durable topic: Kafka's exactly-once setup for one application. */
const transactionalProducer = {
  ...idempotentProducer,
  'transactional.id': 'app',
  'unclean.leader.election.enable': 'false',
};

/**
 * The consume-process-produce presets' input: one broker, so the search spends its steps on the
 * group and the application, not on replication; the application starts from the earliest offset,
 * as a pipeline that must not skip its input does.
 */
const pipelineInput = {
  acks: 'all',
  'replication.factor': '1',
  'min.insync.replicas': '1',
  'group.id': 'app',
  'auto.offset.reset': 'earliest',
};

/** An application that commits by hand. */
const manualCommits = { ...pipelineInput, 'enable.auto.commit': 'false' };

/** The consume-process-produce application of KIP-447: transactions carry outputs and offsets. */
const exactlyOnce = {
  ...manualCommits,
  'transactional.id': 'app',
  'isolation.level': 'read_committed',
};

/** One input record, two instances, each with its own transactional producer. */
const exactlyOnceScenario = {
  records: 1,
  consumers: 2,
  commit: 'transactional',
  sink: 'topic',
} as const;

const durableTopic = {
  ...idempotentProducer,
  'unclean.leader.election.enable': 'false',
};

export const presets: readonly Preset[] = [
  {
    name: 'acks0-lossy',
    group: 'producer',
    title: 'acks=0: the producer never waits for the broker',
    question: 'Can a record the producer counted as sent be missing from the log, or appear twice?',
    kafka: { acks: '0', 'replication.factor': '3' },
    scenario: { faults: { ...noFaults, network: 1, crash: 1 } },
  },
  {
    name: 'acks1-leader-failover',
    group: 'producer',
    title: 'acks=1, RF=3: only the leader has the record when it answers',
    question: 'Can an acknowledged record vanish when the leader crashes before its followers fetch?',
    kafka: { acks: '1', 'replication.factor': '3' },
    scenario: { faults: { ...noFaults, crash: 1 } },
  },
  {
    name: 'acksall-retry-duplicates',
    group: 'producer',
    title: 'acks=all, min.insync.replicas=2, idempotence off: retries on lost answers',
    question: 'Can retrying a request whose answer was lost lose a record, or write it twice?',
    kafka: {
      acks: 'all',
      'enable.idempotence': 'false',
      'replication.factor': '3',
      'min.insync.replicas': '2',
    },
    scenario: { faults: { ...noFaults, network: 2 } },
  },
  {
    name: 'inflight-reorder',
    group: 'producer',
    title: 'Idempotence off, 5 requests in flight, retries on',
    question: 'Can a failed batch, retried behind a later one that succeeded, land out of send() order?',
    kafka: {
      'enable.idempotence': 'false',
      'max.in.flight.requests.per.connection': '5',
      retries: '2147483647',
      'replication.factor': '3',
    },
    scenario: { faults: { ...noFaults, network: 2 } },
  },
  {
    name: 'idempotent-producer',
    group: 'producer',
    title: 'Idempotent producer, acks=all, 5 in flight, RF=3, min.insync.replicas=2 (with KAFKA-15591)',
    question:
      'Through lost answers, request timeouts, resets, a broker crash and a leader change: is every record ' +
      'kept, once, in order?',
    kafka: idempotentProducer,
    scenario: {
      faults: { ...noFaults, network: 3, crash: 1, isr: 1 },
      variants: firstSequenceFixed,
    },
  },
  {
    name: 'idempotent-app-resend',
    group: 'producer',
    title: 'Idempotent producer; the application calls send() again when delivery times out',
    question: 'Can a record the broker appended before delivery.timeout.ms expired end up in the log twice?',
    kafka: idempotentProducer,
    scenario: {
      onFailure: 'resend',
      faults: { ...noFaults, deliveryTimeout: 2 },
      variants: firstSequenceFixed,
    },
  },
  {
    name: 'idempotent-producer-restart',
    group: 'producer',
    title: 'Idempotent, not transactional; after a restart the application resends what was not acknowledged',
    question:
      'Can a record the broker appended before the producer crashed be written again by the new producer?',
    kafka: idempotentProducer,
    scenario: {
      onFailure: 'resend',
      faults: { ...noFaults, producerRestart: 1 },
      variants: firstSequenceFixed,
    },
  },
  {
    name: 'unclean-election',
    group: 'producer',
    title: 'acks=all, min.insync.replicas=1, unclean.leader.election.enable=true',
    question:
      'If the ISR shrinks to the leader and the leader crashes, can an out-of-sync replica take over without an ' +
      'acknowledged record?',
    kafka: {
      acks: 'all',
      'replication.factor': '3',
      'min.insync.replicas': '1',
      'unclean.leader.election.enable': 'true',
    },
    scenario: { faults: { ...noFaults, isr: 2, crash: 1 } },
  },
  {
    name: 'page-cache-power-loss',
    group: 'producer',
    title: 'acks=all, RF=3, min.insync.replicas=2, default flush policy (the OS page cache decides)',
    question: 'If every replica loses power before the OS flushed, can an acknowledged record be lost?',
    kafka: { acks: 'all', 'replication.factor': '3', 'min.insync.replicas': '2' },
    scenario: { faults: { ...noFaults, powerLoss: 3 } },
  },
  {
    name: 'durable',
    group: 'producer',
    title: 'acks=all, RF=3, min.insync.replicas=2, clean elections, idempotent (with KAFKA-15591)',
    question:
      'Through process crashes of any broker, ISR shrinks, lost answers and timeouts: does every property hold?',
    kafka: durableTopic,
    scenario: {
      faults: { ...noFaults, crash: 3, network: 2, isr: 1 },
      variants: firstSequenceFixed,
    },
  },
  {
    name: 'last-isr-power-loss',
    group: 'protocol-bugs',
    title: 'The durable setup, plus one machine crash after two process crashes (KIP-966)',
    question:
      'When the ISR has shrunk to one broker and that broker loses power, can Kafka 3.9 elect it again with ' +
      'its truncated log?',
    kafka: durableTopic,
    scenario: {
      faults: { ...noFaults, crash: 2, powerLoss: 1 },
      variants: firstSequenceFixed,
    },
  },
  {
    name: 'idempotent-first-batch',
    group: 'protocol-bugs',
    title: 'The durable setup on stock Kafka 3.9, without KAFKA-15591',
    question:
      "When a new producer's first batch meets a retriable error and its second batch lands, can the producer " +
      'later reorder or duplicate them (KAFKA-14359)?',
    kafka: durableTopic,
    scenario: { faults: { ...noFaults, crash: 3, network: 2, isr: 1 } },
  },
  {
    name: 'idempotent-zombie-expiry',
    group: 'protocol-bugs',
    title:
      'Idempotent producer; requests time out and the broker still applies them; delivery.timeout.ms expires',
    question:
      'Can a request the producer gave up on, applied late by the broker, combine with the epoch bump of ' +
      'KIP-360 into a duplicate?',
    kafka: { ...idempotentProducer, 'batch.size': '1' },
    scenario: {
      records: 4,
      faults: { ...noFaults, network: 2, deliveryTimeout: 2 },
      variants: firstSequenceFixed,
    },
  },
  {
    name: 'transactional-producer',
    group: 'transactions',
    title:
      'Transactional producer, acks=all, RF=3, min.insync.replicas=2, two partitions: crashes, network faults, a coordinator move, a restart, aborts',
    question:
      'Can a committed transaction lose or duplicate a record, become visible only in part, or leave a transaction hanging?',
    kafka: { ...transactionalProducer, 'isolation.level': 'read_committed' },
    scenario: {
      partitions: 2,
      records: 2,
      faults: { ...noFaults, crash: 1, network: 1, coordinatorMove: 1, producerRestart: 1, abort: 1 },
    },
  },
  {
    name: 'read-uncommitted-sees-aborted',
    group: 'transactions',
    title: 'Transactional output read with isolation.level=read_uncommitted; the producer aborts',
    question: 'Does a read_uncommitted consumer return records of a transaction that was aborted?',
    kafka: { ...transactionalProducer, 'isolation.level': 'read_uncommitted' },
    scenario: { records: 1, faults: { ...noFaults, abort: 1 } },
  },
  {
    name: 'atomic-multi-partition',
    group: 'transactions',
    title:
      'One transaction writes two partitions; the producer crashes mid-transaction; a read_committed reader',
    question: "Can a reader see one partition's half of a transaction without the other, or an aborted one?",
    kafka: { ...transactionalProducer, 'isolation.level': 'read_committed' },
    scenario: { partitions: 2, records: 2, faults: { ...noFaults, producerRestart: 1 } },
  },
  {
    name: 'transaction-timeout',
    group: 'transactions',
    title: 'A transactional producer stalls inside a transaction past transaction.timeout.ms, then wakes',
    question:
      'Does the coordinator abort the stalled transaction so the last stable offset moves on, and is the woken zombie fenced?',
    kafka: {
      ...transactionalProducer,
      'isolation.level': 'read_committed',
      'transaction.timeout.ms': '60000',
    },
    scenario: { records: 2, faults: { ...noFaults, producerStall: 1 } },
  },
  {
    name: 'hanging-transaction',
    group: 'transactions',
    title:
      "transaction.partition.verification.enable=false: a produce request delayed past its transaction's abort",
    question:
      'Can a late produce request start a transaction nobody will end, so the last stable offset never moves?',
    kafka: {
      ...transactionalProducer,
      'isolation.level': 'read_committed',
      'transaction.partition.verification.enable': 'false',
    },
    scenario: { records: 1, faults: { ...noFaults, network: 1, abort: 1 } },
  },
  {
    name: 'late-produce-next-transaction',
    group: 'transactions',
    title:
      'Transaction version 1, a client that aborts with a batch in flight: the batch arrives during the next transaction',
    question:
      'Can a late produce request of an aborted transaction join the next transaction of the same epoch?',
    kafka: { ...transactionalProducer, 'isolation.level': 'read_committed' },
    scenario: {
      records: 2,
      transactionRecords: 1,
      faults: { ...noFaults, abort: 1 },
      variants: { abortInFlight: 'overtake' },
    },
  },
  {
    name: 'commit-before-process',
    group: 'pipeline',
    title: 'The application commits its offsets before processing (at most once); it crashes once',
    question: 'Can a record be committed to the input topic and never processed, or processed twice?',
    kafka: manualCommits,
    scenario: { records: 2, commit: 'before', faults: { ...noFaults, consumerCrash: 1 } },
  },
  {
    name: 'commit-after-process',
    group: 'pipeline',
    title: 'The application commits its offsets after processing (at least once); it crashes once',
    question: 'Can a record be committed to the input topic and never processed, or processed twice?',
    kafka: manualCommits,
    scenario: { records: 2, commit: 'after', faults: { ...noFaults, consumerCrash: 1 } },
  },
  {
    name: 'auto-commit',
    group: 'pipeline',
    title: 'enable.auto.commit=true with synchronous processing; the application crashes once',
    question: 'Can a record be committed to the input topic and never processed, or processed twice?',
    kafka: { ...pipelineInput, 'enable.auto.commit': 'true' },
    scenario: { records: 2, faults: { ...noFaults, consumerCrash: 1 } },
  },
  {
    name: 'zombie-consumer',
    group: 'pipeline',
    title:
      'Two instances commit after processing to a non-transactional store; one pauses past its session timeout and wakes as a zombie',
    question: 'Can the zombie and the new owner of its partition both process the same record?',
    kafka: manualCommits,
    scenario: { records: 2, consumers: 2, commit: 'after', faults: { ...noFaults, consumerPause: 1 } },
  },
  {
    name: 'external-db-atomic-offsets',
    group: 'pipeline',
    title:
      'Outputs and consumed offsets go to an external store in one write; on assignment the application seeks to the stored offset',
    question: 'Do crashes and rebalances ever lose or duplicate a record end to end?',
    kafka: manualCommits,
    scenario: {
      records: 2,
      partitions: 2,
      consumers: 2,
      commit: 'external',
      sink: 'external-store',
      faults: { ...noFaults, consumerCrash: 1, rebalance: 1 },
    },
  },
  {
    name: 'exactly-once',
    group: 'pipeline',
    title:
      'Exactly once: a transactional producer per instance (stable transactional.id), sendOffsetsToTransaction with the group metadata (KIP-447), read_committed downstream',
    question:
      'Do crashes, zombies, rebalances and coordinator moves ever lose or duplicate a record end to end?',
    kafka: exactlyOnce,
    scenario: {
      ...exactlyOnceScenario,
      // A second broker for the coordinators to move to: with one, neither move could happen.
      brokers: 2,
      faults: {
        ...noFaults,
        consumerCrash: 1,
        consumerPause: 1,
        rebalance: 1,
        coordinatorMove: 1,
        groupCoordinatorMove: 1,
      },
    },
  },
  {
    name: 'unfenced-zombie',
    group: 'pipeline',
    title:
      'Transactions with a transactional.id per instance, but sendOffsetsToTransaction given the group id only (no group metadata): a paused instance wakes as a zombie',
    question: "Can a zombie's transaction commit outputs the partition's new owner also commits?",
    kafka: exactlyOnce,
    scenario: { ...exactlyOnceScenario, sendOffsets: 'group-id', faults: { ...noFaults, consumerPause: 1 } },
  },
  {
    name: 'zombie-before-kip447',
    group: 'protocol-bugs',
    title:
      'Exactly once with a transactional.id per instance under the pre-KIP-447 protocol: TxnOffsetCommit fenced by the transactional.id only',
    question: "Before KIP-447, can a zombie's transaction commit after its partition moved?",
    kafka: exactlyOnce,
    scenario: {
      ...exactlyOnceScenario,
      faults: { ...noFaults, consumerPause: 1 },
      variants: { txnOffsetFencing: 'transactional-id' },
    },
  },
  {
    name: 'pending-offsets-before-kip447',
    group: 'protocol-bugs',
    title:
      "Exactly once under the pre-KIP-447 OffsetFetch: a new owner fetches its offset while the old owner's transactional offsets are pending",
    question:
      'Before require_stable, can the new owner of a partition process records a committing transaction already covers?',
    kafka: exactlyOnce,
    scenario: {
      ...exactlyOnceScenario,
      faults: { ...noFaults, consumerPause: 1 },
      variants: { requireStable: 'false' },
    },
  },
  {
    name: 'read-past-truncation-before-kip320',
    group: 'protocol-bugs',
    title:
      'acks=1 and unclean.leader.election.enable=true under a consumer from before KIP-320: the leader fails over while the application reads',
    question:
      'Before KIP-320, when an unclean election truncates records the application already read, can it read a record twice?',
    kafka: {
      ...manualCommits,
      acks: '1',
      retries: '0',
      'enable.idempotence': 'false',
      'replication.factor': '2',
      'unclean.leader.election.enable': 'true',
    },
    scenario: {
      records: 2,
      commit: 'after',
      faults: { ...noFaults, crash: 1, isr: 1 },
      variants: { consumerPositionValidation: 'none' },
    },
  },
  {
    name: 'external-side-effect',
    group: 'pipeline',
    title:
      'An exactly-once application that also sends an e-mail per record; it crashes after the e-mail, its transaction is aborted and the record processed again',
    question: 'Can an e-mail be sent twice for one record, though the output topic holds it once?',
    kafka: exactlyOnce,
    scenario: {
      ...exactlyOnceScenario,
      consumers: 1,
      sink: 'side-effect',
      faults: { ...noFaults, consumerCrash: 1 },
    },
  },
];

/**
 * The anchors' canonical replication model (shared/anchors/README.md): three replicas, one
 * producer, N records, one crash, one lost answer. It reads only acks, enable.idempotence and
 * --records, and exists to hold the exhaustive explorer against SPIN's and Rumur's exact counts.
 */
export const canonicalReplication: Preset = {
  name: 'canonical-replication',
  group: 'benchmark',
  title:
    "The anchors' canonical replication model: 3 replicas, 1 producer, N records, 1 crash, 1 lost answer",
  question: "Does every acknowledged record stay in the leader's log exactly once (NoLoss, NoDuplicate)?",
  kafka: { acks: 'all' },
  scenario: { records: 8 },
  model: 'canonical',
};

/** Every preset there is: the Kafka model's, then the canonical model's. */
export const allPresets: readonly Preset[] = [...presets, canonicalReplication];

export function presetByName(name: string): Preset | undefined {
  return allPresets.find((p) => p.name === name);
}
