/**
 * From what a user hands over (a preset, .properties files, --set pairs, scenario flags) to the
 * ModelConfig the model runs on: later layers win, topic keys win over broker defaults, and
 * Kafka 3.9's own validation runs (ConfigException where Kafka throws, a warning where Kafka
 * quietly adjusts).
 */
import {
  defaultConfig,
  defaultFaults,
  type FailurePolicy,
  type FaultBudget,
  type ModelConfig,
  type ProtocolVariants,
} from '../../model/index.ts';
import { definitionOf, isIgnored, knownKeys, modelledKeys } from './catalog.ts';
import { type Entry, entriesOfProperties, entryOfSet, parseValue } from './parse.ts';
import { closest } from './suggest.ts';

export type ConfigLayer =
  | { readonly kind: 'file'; readonly path: string; readonly text: string }
  | { readonly kind: 'set'; readonly text: string }
  | { readonly kind: 'preset'; readonly name: string; readonly entries: Readonly<Record<string, string>> };

/** The model's shape and the faults to inject: from a preset, overridden by flags. */
export interface Scenario {
  readonly brokers?: number;
  readonly partitions?: number;
  readonly producers?: number;
  readonly records?: number;
  readonly faults?: Partial<FaultBudget>;
  readonly onFailure?: FailurePolicy;
  readonly variants?: Partial<ProtocolVariants>;
}

export interface Setting {
  readonly key: string;
  readonly value: string;
  readonly source: string;
}

export interface Resolved {
  readonly config: ModelConfig;
  /** The Kafka settings that shape the model, each with where its value came from. */
  readonly settings: readonly Setting[];
  readonly warnings: readonly string[];
  /** Keys Kafka knows that the model does not use, with where they were given. */
  readonly ignored: readonly string[];
}

export type ConfigErrorCode = 'ConfigException' | 'UnknownKey' | 'InvalidValue' | 'InvalidScenario';

/** A configuration the tool refuses; the message is the whole sentence a user reads. */
export class ConfigError extends Error {
  constructor(
    readonly code: ConfigErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

interface Value {
  readonly parsed: number | boolean | string;
  readonly raw: string;
  readonly source: string;
}

function entriesOf(layer: ConfigLayer): Entry[] {
  switch (layer.kind) {
    case 'preset':
      return Object.entries(layer.entries).map(([key, value]) => ({
        key,
        value,
        source: `preset ${layer.name}`,
      }));
    case 'file':
      return entriesOfProperties(layer.text, layer.path);
    case 'set': {
      const entry = entryOfSet(layer.text);
      if (entry === null) {
        throw new ConfigError(
          'InvalidValue',
          `--set takes KEY=VALUE, like --set acks=all; got ${JSON.stringify(layer.text)}`,
        );
      }
      return [entry];
    }
  }
}

/** Every entry checked against the catalogue; later entries win for the same key. */
function collect(layers: readonly ConfigLayer[]): { values: Map<string, Value>; ignored: string[] } {
  const values = new Map<string, Value>();
  const ignored: string[] = [];
  for (const entry of layers.flatMap(entriesOf)) {
    const definition = definitionOf(entry.key);
    if (definition === undefined) {
      if (isIgnored(entry.key)) {
        ignored.push(`${entry.key} (${entry.source})`);
        continue;
      }
      const guess = closest(entry.key, knownKeys);
      throw new ConfigError(
        'UnknownKey',
        `unknown Kafka configuration key ${JSON.stringify(entry.key)} (${entry.source})` +
          (guess === null ? '' : `; did you mean ${JSON.stringify(guess)}?`),
      );
    }
    const parsed = parseValue(definition.type, entry.value);
    if (!parsed.ok) {
      throw new ConfigError(
        'InvalidValue',
        `${entry.key} must be ${parsed.allowed}; got ${JSON.stringify(entry.value.trim())} (${entry.source})`,
      );
    }
    values.set(entry.key, { parsed: parsed.value, raw: entry.value.trim(), source: entry.source });
  }
  return { values, ignored };
}

const scenarioRanges = {
  brokers: [1, 9],
  partitions: [1, 8],
  producers: [1, 4],
  records: [1, 20],
} as const;

const faultMax = 9;

function checkScenario(scenario: Scenario): void {
  for (const [field, [min, max]] of Object.entries(scenarioRanges)) {
    const value = scenario[field as keyof typeof scenarioRanges];
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      throw new ConfigError(
        'InvalidScenario',
        `--${field} must be a whole number from ${min} to ${max}; got ${value}`,
      );
    }
  }
  for (const [kind, n] of Object.entries(scenario.faults ?? {})) {
    if (n !== undefined && (!Number.isInteger(n) || n < 0 || n > faultMax)) {
      throw new ConfigError(
        'InvalidScenario',
        `fault budget ${kind} must be from 0 to ${faultMax}; got ${n}`,
      );
    }
  }
}

export function resolveConfig(layers: readonly ConfigLayer[], scenario: Scenario): Resolved {
  checkScenario(scenario);
  const { values, ignored } = collect(layers);
  const warnings: string[] = [];
  const explicit = (key: string): boolean => values.has(key);
  const get = <T extends number | boolean | string>(key: string): T => {
    const given = values.get(key);
    if (given !== undefined) return given.parsed as T;
    const fallback = definitionOf(key)!.default;
    const parsed = parseValue(definitionOf(key)!.type, fallback ?? '');
    return (parsed.ok ? parsed.value : fallback) as T;
  };

  // Producer settings and Kafka's own checks (ProducerConfig.postProcessAndValidateIdempotenceConfigs).
  const acksText = get<string>('acks');
  const acks = acksText === '-1' || acksText === 'all' ? 'all' : (acksText as '0' | '1');
  const retries = get<number>('retries');
  const maxInFlight = get<number>('max.in.flight.requests.per.connection');
  let enableIdempotence = get<boolean>('enable.idempotence');
  const conflicts = [
    acks !== 'all' && {
      error:
        'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
      warning: `Idempotence will be disabled because acks is set to ${acksText}, not set to 'all'.`,
    },
    retries === 0 && {
      error: 'Must set retries to non-zero when using the idempotent producer.',
      warning: 'Idempotence will be disabled because retries is set to 0.',
    },
    maxInFlight > 5 && {
      error: 'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.',
      warning: `Idempotence will be disabled because max.in.flight.requests.per.connection is set to ${maxInFlight}, which is greater than 5.`,
    },
  ].filter((c) => c !== false);
  if (enableIdempotence && conflicts.length > 0) {
    if (explicit('enable.idempotence')) {
      throw new ConfigError(
        'ConfigException',
        `ConfigException: ${conflicts.map((c) => c.error).join(' ')} (enable.idempotence=true is set explicitly)`,
      );
    }
    enableIdempotence = false;
    warnings.push(...conflicts.map((c) => c.warning));
  }
  if (!enableIdempotence && explicit('transactional.id')) {
    throw configException('Cannot set a transactional.id without also enabling idempotence.');
  }
  if (explicit('transactional.id')) {
    warnings.push(
      'transactional.id is accepted, but transactions are not modelled yet: the producer runs as an idempotent one.',
    );
  }

  // KafkaProducer.configureDeliveryTimeout: an explicit value too small is an error, a default is raised.
  const lingerMs = get<number>('linger.ms');
  const requestTimeoutMs = get<number>('request.timeout.ms');
  let deliveryTimeoutMs = get<number>('delivery.timeout.ms');
  const floor = Math.min(lingerMs + requestTimeoutMs, 2147483647);
  if (deliveryTimeoutMs < floor) {
    if (explicit('delivery.timeout.ms')) {
      throw configException(
        `delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms ` +
          `(delivery.timeout.ms=${deliveryTimeoutMs}, linger.ms=${lingerMs}, request.timeout.ms=${requestTimeoutMs})`,
      );
    }
    deliveryTimeoutMs = floor;
    warnings.push(
      `delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms. Setting it to ${floor}.`,
    );
  }

  // Topic settings win over the broker's defaults.
  const replicationFactor = values.has('replication.factor')
    ? get<number>('replication.factor')
    : values.has('default.replication.factor')
      ? get<number>('default.replication.factor')
      : defaultConfig.replicationFactor;
  const flushMessages = values.has('flush.messages')
    ? get<number>('flush.messages')
    : get<number>('log.flush.interval.messages');
  const partitions = scenario.partitions ?? get<number>('num.partitions');
  const minInsyncReplicas = get<number>('min.insync.replicas');
  const brokers = scenario.brokers ?? replicationFactor;
  if (replicationFactor > brokers) {
    throw new ConfigError(
      'InvalidScenario',
      `Replication factor: ${replicationFactor} larger than available brokers: ${brokers}.`,
    );
  }
  if (partitions > scenarioRanges.partitions[1]) {
    throw new ConfigError(
      'InvalidScenario',
      `num.partitions must be at most ${scenarioRanges.partitions[1]} for the model; got ${partitions}`,
    );
  }
  if (brokers > scenarioRanges.brokers[1]) {
    throw new ConfigError(
      'InvalidScenario',
      `replication.factor must be at most ${scenarioRanges.brokers[1]} for the model; got ${brokers}`,
    );
  }
  if (minInsyncReplicas > replicationFactor) {
    warnings.push(
      `min.insync.replicas=${minInsyncReplicas} is larger than replication.factor=${replicationFactor}: Kafka 3.9 uses ` +
        `min(${minInsyncReplicas}, ${replicationFactor}) = ${replicationFactor} (Partition.effectiveMinIsr), so acks=all is ` +
        `acknowledged only while all ${replicationFactor} replicas are in sync; before Kafka 3.7 every acks=all send failed ` +
        'with NotEnoughReplicas.',
    );
  }

  const config: ModelConfig = {
    ...defaultConfig,
    brokers,
    partitions,
    replicationFactor,
    minInsyncReplicas,
    uncleanLeaderElectionEnable: get<boolean>('unclean.leader.election.enable'),
    flushMessages,
    acks,
    retries,
    enableIdempotence,
    maxInFlightRequestsPerConnection: maxInFlight,
    batchSize: Math.max(1, get<number>('batch.size')),
    deliveryTimeoutMs,
    requestTimeoutMs,
    lingerMs,
    producers: scenario.producers ?? defaultConfig.producers,
    records: scenario.records ?? defaultConfig.records,
    onFailure: scenario.onFailure ?? defaultConfig.onFailure,
    faults: { ...defaultFaults, ...definedOnly(scenario.faults ?? {}) },
    variants: { ...defaultConfig.variants, ...definedOnly(scenario.variants ?? {}) },
  };

  const settings: Setting[] = modelledKeys.map((d) => {
    const given = values.get(d.key);
    return given === undefined
      ? { key: d.key, value: d.default ?? '(none)', source: 'default' }
      : { key: d.key, value: given.raw, source: given.source };
  });
  return { config, settings, warnings, ignored };
}

function configException(message: string): ConfigError {
  return new ConfigError('ConfigException', `ConfigException: ${message}`);
}

function definedOnly<T extends object>(partial: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<T>;
}
