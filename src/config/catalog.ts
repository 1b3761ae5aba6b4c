/**
 * The Kafka configuration keys deliverycheck reads, with Kafka's names, types, ranges and
 * defaults, and the keys it recognises but does not model, so a real producer.properties,
 * consumer.properties or server.properties can be handed over as it is.
 */

import { INT_MAX, type ModelConfig } from '../../model/index.ts';
import type { DocumentedKey } from './kafka-docs.ts';
import { kafkaKeys } from './kafka-keys.ts';

export type KeyScope = 'producer' | 'consumer' | 'topic' | 'broker';

export type KeyType =
  | { readonly kind: 'boolean' }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  // Longs range up to Long.MAX_VALUE, beyond a double's exact integers, so they are checked as BigInt.
  | { readonly kind: 'long'; readonly min: bigint; readonly max: bigint }
  /** Java's Double.parseDouble within a validator's range (documented keys only). */
  | { readonly kind: 'double'; readonly min: number; readonly max: number }
  /** `anyCase`: Kafka's CaseInsensitiveValidString; else its case-sensitive ValidString. */
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly anyCase?: true }
  | { readonly kind: 'string' };

export interface KeyDefinition {
  readonly key: string;
  readonly scope: KeyScope;
  readonly type: KeyType;
  /**
   * Kafka's default as Kafka prints it; null when Kafka has none: replication.factor takes the
   * model's, and transactional.id stays unset (the field's null).
   */
  readonly default: string | null;
  /** The `ModelConfig` field the key sets; keys without one are checked as Kafka checks them, then ignored. */
  readonly field?: keyof ModelConfig;
  /** For a broker default: the topic key that wins over it whenever both are given, in any order. */
  readonly defaultFor?: string;
  /** A producer key ConsumerConfig has too: in a consumer's file it is the consumer's, not modelled. */
  readonly consumerToo?: true;
}

/** Java's Long.MAX_VALUE, exactly: the default of flush.messages and log.flush.interval.messages. */
export const LONG_MAX_TEXT = '9223372036854775807';

/** Java's Integer.MIN_VALUE: an int key without a validator takes any int. */
const INT_MIN = -2147483648;
/** Java's Short.MAX_VALUE, the most a SHORT key (a replication factor) holds. */
const SHORT_MAX = 32767;

const int = (min: number, max = INT_MAX): KeyType => ({ kind: 'int', min, max });
const long = (min: bigint): KeyType => ({ kind: 'long', min, max: BigInt(LONG_MAX_TEXT) });
const bool: KeyType = { kind: 'boolean' };

/**
 * The keys the model reads, in the order settings are listed. `min.insync.replicas` and
 * `unclean.leader.election.enable` are both topic configs and broker defaults of the same name;
 * either way the value given is the topic's.
 */
export const modelledKeys: readonly KeyDefinition[] = [
  {
    key: 'acks',
    scope: 'producer',
    type: { kind: 'enum', values: ['all', '-1', '0', '1'] },
    default: 'all',
    field: 'acks',
  },
  { key: 'retries', scope: 'producer', type: int(0), default: String(INT_MAX), field: 'retries' },
  { key: 'enable.idempotence', scope: 'producer', type: bool, default: 'true', field: 'enableIdempotence' },
  {
    key: 'max.in.flight.requests.per.connection',
    scope: 'producer',
    type: int(1),
    default: '5',
    field: 'maxInFlightRequestsPerConnection',
  },
  // The model counts batch.size in records; 0 (batching off) means one record per batch.
  { key: 'batch.size', scope: 'producer', type: int(0), default: '16384', field: 'batchSize' },
  { key: 'linger.ms', scope: 'producer', type: long(0n), default: '0', field: 'lingerMs' },
  {
    key: 'delivery.timeout.ms',
    scope: 'producer',
    type: int(0),
    default: '120000',
    field: 'deliveryTimeoutMs',
  },
  {
    key: 'request.timeout.ms',
    scope: 'producer',
    type: int(0),
    default: '30000',
    field: 'requestTimeoutMs',
    consumerToo: true,
  },
  // ConfigDef.NonEmptyString: unset is null (not transactional), an empty value is refused.
  {
    key: 'transactional.id',
    scope: 'producer',
    type: { kind: 'string' },
    default: null,
    field: 'transactionalId',
  },
  // ProducerConfig gives it no validator (any int); the broker refuses a value outside
  // 1..transaction.max.timeout.ms at InitProducerId (INVALID_TRANSACTION_TIMEOUT).
  {
    key: 'transaction.timeout.ms',
    scope: 'producer',
    type: int(INT_MIN),
    default: '60000',
    field: 'transactionTimeoutMs',
  },
  // Checked like Kafka checks it, so a typo still fails, but the model has no clock for the backoff.
  { key: 'retry.backoff.ms', scope: 'producer', type: long(0n), default: '100', consumerToo: true },
  // Kafka has no default of its own here (the broker's default.replication.factor, 1, applies);
  // the model's is defaultConfig's 3, because replication is what the tool is about.
  {
    key: 'replication.factor',
    scope: 'topic',
    type: int(1, 32767),
    default: null,
    field: 'replicationFactor',
  },
  { key: 'min.insync.replicas', scope: 'topic', type: int(1), default: '1', field: 'minInsyncReplicas' },
  {
    key: 'unclean.leader.election.enable',
    scope: 'topic',
    type: bool,
    default: 'false',
    field: 'uncleanLeaderElectionEnable',
  },
  { key: 'flush.messages', scope: 'topic', type: long(1n), default: LONG_MAX_TEXT, field: 'flushMessages' },
  { key: 'num.partitions', scope: 'broker', type: int(1), default: '1', field: 'partitions' },
  {
    key: 'default.replication.factor',
    scope: 'broker',
    type: int(1, 32767),
    default: '1',
    defaultFor: 'replication.factor',
  },
  {
    key: 'log.flush.interval.messages',
    scope: 'broker',
    type: long(1n),
    default: LONG_MAX_TEXT,
    defaultFor: 'flush.messages',
  },
  {
    key: 'transaction.max.timeout.ms',
    scope: 'broker',
    type: int(1),
    default: '900000',
    field: 'transactionMaxTimeoutMs',
  },
  {
    key: 'transaction.partition.verification.enable',
    scope: 'broker',
    type: bool,
    default: 'true',
    field: 'transactionPartitionVerificationEnable',
  },
  // The __transaction_state topic's settings: checked like Kafka checks them (TransactionLogConfig),
  // then reported as not modelled: the model's coordinator state does not live in a topic.
  {
    key: 'transaction.state.log.replication.factor',
    scope: 'broker',
    type: int(1, SHORT_MAX),
    default: '3',
  },
  { key: 'transaction.state.log.min.isr', scope: 'broker', type: int(1), default: '2' },
  { key: 'transaction.state.log.num.partitions', scope: 'broker', type: int(1), default: '50' },
  { key: 'transaction.state.log.segment.bytes', scope: 'broker', type: int(1), default: '104857600' },
  { key: 'transaction.state.log.load.buffer.size', scope: 'broker', type: int(1), default: '5242880' },
  // ConsumerConfig's ValidString: exactly these spellings, lower case.
  {
    key: 'isolation.level',
    scope: 'consumer',
    type: { kind: 'enum', values: ['read_committed', 'read_uncommitted'] },
    default: 'read_uncommitted',
    field: 'isolationLevel',
  },
  // The consumer group's settings, with ConsumerConfig's types, validators and defaults (Kafka
  // 3.9): checked as Kafka checks them, then reported as not modelled, with a warning that the
  // reader has no group yet.
  { key: 'group.id', scope: 'consumer', type: { kind: 'string' }, default: null },
  { key: 'group.instance.id', scope: 'consumer', type: { kind: 'string' }, default: null },
  {
    key: 'group.protocol',
    scope: 'consumer',
    type: { kind: 'enum', values: ['classic', 'consumer'], anyCase: true },
    default: 'classic',
  },
  { key: 'enable.auto.commit', scope: 'consumer', type: bool, default: 'true' },
  { key: 'auto.commit.interval.ms', scope: 'consumer', type: int(0), default: '5000' },
  {
    key: 'auto.offset.reset',
    scope: 'consumer',
    type: { kind: 'enum', values: ['latest', 'earliest', 'none'] },
    default: 'latest',
  },
  { key: 'session.timeout.ms', scope: 'consumer', type: int(INT_MIN), default: '45000' },
  { key: 'heartbeat.interval.ms', scope: 'consumer', type: int(INT_MIN), default: '3000' },
  { key: 'max.poll.interval.ms', scope: 'consumer', type: int(1), default: '300000' },
  { key: 'max.poll.records', scope: 'consumer', type: int(1), default: '500' },
  {
    key: 'partition.assignment.strategy',
    scope: 'consumer',
    type: { kind: 'string' },
    default:
      'org.apache.kafka.clients.consumer.RangeAssignor,org.apache.kafka.clients.consumer.CooperativeStickyAssignor',
  },
];

/** The consumer group's keys: the consumer keys above that set no model field (known, checked, not modelled yet). */
export const groupKeys: readonly string[] = modelledKeys
  .filter((d) => d.scope === 'consumer' && d.field === undefined)
  .map((d) => d.key);

/** Kafka's documented keys by name, each with the scopes that document it. */
const documented = new Map<string, DocumentedKey[]>();
for (const k of kafkaKeys) documented.set(k.key, [...(documented.get(k.key) ?? []), k]);

/** A key Kafka 3.9 documents for one of its clients, its topics or its brokers, as documented there. */
export function documentedKey(key: string): readonly DocumentedKey[] {
  return documented.get(key) ?? [];
}

/** Whether only this client's configuration documents the key (the other client's does not). */
function onlyClient(key: string, scope: 'producer' | 'consumer'): boolean {
  const scopes = documentedKey(key).map((k) => k.scope);
  return scopes.includes(scope) && !scopes.includes(scope === 'producer' ? 'consumer' : 'producer');
}

/** Key families accepted and ignored by prefix (security and per-listener settings). */
export const ignoredPrefixes: readonly string[] = [
  'sasl.',
  'ssl.',
  'listener.name.',
  'confluent.',
  'metric.',
];

export function definitionOf(key: string): KeyDefinition | undefined {
  return modelledKeys.find((d) => d.key === key);
}

/**
 * Broker keys Kafka reads outside the ConfigDef pages the catalogue is generated from: the
 * StandardAuthorizer's (docs/security.html), which a secured cluster's server.properties holds.
 */
const authorizerKeys: readonly string[] = ['super.users', 'allow.everyone.if.no.acl.found'];

/** A key Kafka knows that the model does not read: accepted, checked as Kafka checks it, reported. */
export function isIgnored(key: string): boolean {
  return (
    documented.has(key) || authorizerKeys.includes(key) || ignoredPrefixes.some((p) => key.startsWith(p))
  );
}

/** Every key a misspelt one may have meant. */
export const knownKeys: readonly string[] = [
  ...new Set([...modelledKeys.map((d) => d.key), ...kafkaKeys.map((k) => k.key), ...authorizerKeys]),
];

/**
 * Whether a file's keys are a consumer's configuration: some key only ConsumerConfig has
 * (isolation.level, group.id, a deserializer) and none only ProducerConfig has. Keys both
 * clients have (request.timeout.ms) are then the consumer's, and do not set the producer's.
 */
export function isConsumerFile(keys: readonly string[]): boolean {
  const consumerOnly = (key: string) =>
    definitionOf(key)?.scope === 'consumer' || onlyClient(key, 'consumer');
  const producerOnly = (key: string) => {
    const definition = definitionOf(key);
    if (definition !== undefined) return definition.scope === 'producer' && definition.consumerToo !== true;
    return onlyClient(key, 'producer');
  };
  return keys.some(consumerOnly) && !keys.some(producerOnly);
}
