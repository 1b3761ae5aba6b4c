/**
 * From what a user hands over (a preset, .properties files, --set pairs, scenario flags) to the
 * ModelConfig the model runs on: later layers win, topic keys win over broker defaults, and
 * Kafka 3.9's own validation runs (ConfigException where Kafka throws, a warning where Kafka
 * quietly adjusts).
 */
import {
  type Acks,
  defaultConfig,
  defaultFaults,
  groupFaultKinds,
  type IsolationLevel,
  type ModelConfig,
} from '../../model/index.ts';
import {
  definitionOf,
  documentedKey,
  groupKeys,
  isConsumerFile,
  isIgnored,
  type KeyDefinition,
  knownKeys,
  modelledKeys,
} from './catalog.ts';
import { checkGroup, pipelineOf } from './consumer-checks.ts';
import { ConfigError, quoted } from './error.ts';
import { faultOptions } from './faults.ts';
import { checkDocumented, type Entry, entriesOfProperties, entryOfSet, parseValue } from './parse.ts';
import { checkProducer, checkTransactionTimeout } from './producer-checks.ts';
import { checkScenario, type Scenario, scenarioRanges } from './scenario.ts';
import { closest } from './suggest.ts';

export { ConfigError, type ConfigErrorCode } from './error.ts';
export type { Scenario } from './scenario.ts';

export type ConfigLayer =
  | { readonly kind: 'file'; readonly path: string; readonly text: string }
  /** One `key=value` from --set. */
  | { readonly kind: 'set'; readonly text: string }
  | { readonly kind: 'preset'; readonly name: string; readonly entries: Readonly<Record<string, string>> };

export interface Setting {
  readonly key: string;
  readonly value: string;
  /** 'default', 'preset NAME', 'PATH line N', '--set', 'scenario', or a default Kafka adjusted. */
  readonly source: string;
}

export interface Resolved {
  readonly config: ModelConfig;
  /** The Kafka settings that shape the model, by Kafka's topic or producer key, with their effective values. */
  readonly settings: readonly Setting[];
  readonly warnings: readonly string[];
  /** Keys Kafka knows that the model does not use, each with where it was given: `bootstrap.servers (p.properties line 2)`. */
  readonly ignored: readonly string[];
}

interface Value {
  readonly parsed: number | boolean | string;
  /** As Kafka prints it once parsed. */
  readonly text: string;
  readonly source: string;
}

function entriesOf(layer: ConfigLayer): Entry[] {
  switch (layer.kind) {
    case 'preset':
      // Sorted, so a preset's errors come out the same whatever order its object was written in.
      return Object.keys(layer.entries)
        .sort()
        .map((key) => ({ key, value: layer.entries[key] ?? '', source: `preset ${layer.name}` }));
    case 'file':
      return entriesOfProperties(layer.text, layer.path);
    case 'set': {
      const entry = entryOfSet(layer.text);
      if (entry === null) {
        throw new ConfigError(
          'InvalidValue',
          `--set takes KEY=VALUE, like --set acks=all; got ${quoted(layer.text)}`,
        );
      }
      return [entry];
    }
  }
}

/** `acks.all` is `acks=all` typed with the wrong separator; otherwise the nearest known key. */
function suggestionFor(key: string): string | null {
  for (const definition of modelledKeys) {
    const prefix = `${definition.key}.`;
    if (key.startsWith(prefix) && parseValue(definition.type, key.slice(prefix.length)).ok) {
      return `${definition.key}=${key.slice(prefix.length)}`;
    }
  }
  return closest(key, knownKeys);
}

/**
 * A layer's entries, each with whether it is a consumer's setting of a key both clients have: in
 * a consumer.properties file, request.timeout.ms is the consumer's and leaves the producer's alone.
 */
function routedEntriesOf(layer: ConfigLayer): { entry: Entry; consumers: boolean }[] {
  const entries = entriesOf(layer);
  const consumerFile = layer.kind === 'file' && isConsumerFile(entries.map((e) => e.key));
  return entries.map((entry) => ({
    entry,
    consumers: consumerFile && definitionOf(entry.key)?.consumerToo === true,
  }));
}

/** How to treat a key Kafka does not know: refuse it (the default), or warn and ignore it. */
export interface ResolveOptions {
  readonly allowUnknown?: boolean;
}

/**
 * Every entry checked against the catalogue; later entries win for the same key. A key the model
 * does not read is checked as Kafka's documentation says (type, range, allowed values) wherever
 * Kafka documents it, then reported as ignored.
 */
function collect(
  layers: readonly ConfigLayer[],
  options: ResolveOptions,
): { values: Map<string, Value>; ignored: string[]; unknown: string[] } {
  const values = new Map<string, Value>();
  const ignored: string[] = [];
  const unknown: string[] = [];
  for (const { entry, consumers } of layers.flatMap(routedEntriesOf)) {
    const definition = definitionOf(entry.key);
    if (definition === undefined) {
      if (isIgnored(entry.key)) {
        checkIgnored(entry);
        ignored.push(`${entry.key} (${entry.source})`);
        continue;
      }
      const guess = suggestionFor(entry.key);
      const message =
        `unknown Kafka configuration key ${quoted(entry.key)} (${entry.source})` +
        (guess === null ? '' : `; did you mean ${quoted(guess)}?`);
      unknown.push(message);
      ignored.push(`${entry.key} (${entry.source}, unknown to Kafka)`);
      continue;
    }
    const parsed = parseValue(definition.type, entry.value);
    if (!parsed.ok) {
      throw new ConfigError(
        'InvalidValue',
        `${entry.key} must be ${parsed.allowed}; got ${quoted(entry.value.trim())} (${entry.source})`,
      );
    }
    // The consumer's own value of a key both clients have: checked as Kafka checks it, not modelled.
    if (consumers) {
      ignored.push(`${entry.key} (${entry.source}, the consumer's)`);
      continue;
    }
    // Keys Kafka checks but the model does not read are kept for Kafka's checks and reported.
    if (definition.field === undefined && definition.defaultFor === undefined) {
      ignored.push(`${entry.key} (${entry.source})`);
    }
    values.set(entry.key, { parsed: parsed.value, text: parsed.text, source: entry.source });
  }
  // Every unknown key at once, so a production file is not refused one key per run.
  if (unknown.length > 0 && options.allowUnknown !== true) {
    const more =
      unknown.length > 1 ? ` (and ${unknown.length - 1} more: ${unknown.slice(1).join('; ')})` : '';
    const them = unknown.length > 1 ? 'them' : 'it';
    throw new ConfigError(
      'UnknownKey',
      `${unknown[0]}${more}; --allow-unknown warns and ignores ${them} instead`,
    );
  }
  return { values, ignored, unknown: unknown.map((m) => `${m}; ignored (--allow-unknown)`) };
}

/** Refuses a value that every documentation of its key refuses, as Kafka's ConfigDef would. */
function checkIgnored(entry: Entry): void {
  const documented = documentedKey(entry.key);
  const refusals = documented.map((d) => checkDocumented(d, entry.value));
  if (documented.length === 0 || refusals.some((r) => r === null)) return;
  throw new ConfigError(
    'InvalidValue',
    `${entry.key} must be ${refusals[0]}; got ${quoted(entry.value.trim())} (${entry.source})`,
  );
}

/**
 * A model field's default where Kafka has none of its own: replication.factor's is the model's,
 * and an unset transactional.id shows as Kafka prints it, `null`.
 */
function modelDefault(definition: KeyDefinition): string {
  if (definition.default !== null) return definition.default;
  if (definition.field === undefined) throw new Error(`no default for ${definition.key}`);
  return String(defaultConfig[definition.field]);
}

/** The value a key takes: given, else given as the broker default for it, else the default. */
function effective(values: ReadonlyMap<string, Value>, key: string): Value {
  const given = values.get(key);
  if (given !== undefined) return given;
  const brokerKey = modelledKeys.find((d) => d.defaultFor === key)?.key;
  const brokerDefault = brokerKey === undefined ? undefined : values.get(brokerKey);
  if (brokerDefault !== undefined)
    return { ...brokerDefault, source: `${brokerDefault.source} (${brokerKey})` };
  const definition = definitionOf(key);
  if (definition === undefined) throw new Error(`not in the catalogue: ${key}`);
  const text = modelDefault(definition);
  const parsed = parseValue(definition.type, text);
  if (!parsed.ok) throw new Error(`the catalogue's default for ${key} does not parse: ${text}`);
  return { parsed: parsed.value, text: parsed.text, source: 'default' };
}

export function resolveConfig(
  layers: readonly ConfigLayer[],
  scenario: Scenario,
  options: ResolveOptions = {},
): Resolved {
  checkScenario(scenario);
  const { values, ignored, unknown } = collect(layers, options);
  const number = (key: string): number => {
    const { parsed } = effective(values, key);
    if (typeof parsed !== 'number') throw new Error(`${key} is not a number in the catalogue`);
    return parsed;
  };
  const flag = (key: string): boolean => {
    const { parsed } = effective(values, key);
    if (typeof parsed !== 'boolean') throw new Error(`${key} is not a boolean in the catalogue`);
    return parsed;
  };
  const text = (key: string): string => String(effective(values, key).parsed);
  // Unset is null, Kafka's default; an empty value was refused above (NonEmptyString).
  const transactionalId = values.has('transactional.id') ? text('transactional.id') : null;

  const acksText = effective(values, 'acks').text;
  const producer = checkProducer({
    acks: acksText,
    retries: number('retries'),
    maxInFlightRequestsPerConnection: number('max.in.flight.requests.per.connection'),
    enableIdempotence: { value: flag('enable.idempotence'), explicit: values.has('enable.idempotence') },
    transactionalIdGiven: values.has('transactional.id'),
    lingerMs: number('linger.ms'),
    requestTimeoutMs: number('request.timeout.ms'),
    deliveryTimeoutMs: { value: number('delivery.timeout.ms'), explicit: values.has('delivery.timeout.ms') },
  });
  const warnings = [...producer.warnings];
  checkTransactionTimeout({
    transactional: transactionalId !== null,
    transactionTimeoutMs: number('transaction.timeout.ms'),
    transactionMaxTimeoutMs: number('transaction.max.timeout.ms'),
  });
  const groupId = values.has('group.id') ? text('group.id') : null;
  const enableAutoCommit = { value: flag('enable.auto.commit'), explicit: values.has('enable.auto.commit') };
  warnings.push(
    ...checkGroup({
      groupId,
      groupProtocol: text('group.protocol'),
      enableAutoCommit,
      sessionTimeoutMs: number('session.timeout.ms'),
      heartbeatIntervalMs: number('heartbeat.interval.ms'),
    }),
  );
  if (scenario.transactionRecords !== undefined && transactionalId === null) {
    warnings.push(
      `--transaction-records ${scenario.transactionRecords} has no effect: transactional.id is not set, ` +
        'so the producers are not transactional.',
    );
  }

  const inputPartitions = scenario.partitions ?? number('num.partitions');
  const workloadProducers = scenario.producers ?? defaultConfig.producers;
  const pipeline = pipelineOf({
    inputPartitions,
    workloadProducers,
    transactional: transactionalId !== null,
    ...(scenario.sendOffsets === undefined ? {} : { sendOffsets: scenario.sendOffsets }),
    groupId,
    groupInstanceId: values.has('group.instance.id') ? text('group.instance.id') : null,
    enableAutoCommit,
    autoOffsetReset: text('auto.offset.reset'),
    maxPollRecords: number('max.poll.records'),
    assignmentStrategy: text('partition.assignment.strategy'),
    ...(scenario.consumers === undefined ? {} : { consumers: scenario.consumers }),
    ...(scenario.commit === undefined ? {} : { commit: scenario.commit }),
    ...(scenario.sink === undefined ? {} : { sink: scenario.sink }),
  });

  if (pipeline === null) {
    const groupFaults = groupFaultKinds.filter((kind) => (scenario.faults?.[kind] ?? 0) > 0);
    if (groupFaults.length > 0) {
      throw new ConfigError(
        'InvalidScenario',
        `--faults ${groupFaults.map((kind) => faultOptions.find((o) => o.kind === kind)?.name).join(', ')} needs a consumer group: set group.id (for example --set group.id=app)`,
      );
    }
  }

  const replicationFactor = number('replication.factor');
  const minInsyncReplicas = number('min.insync.replicas');
  // An exactly-once application adds the output topic's partition and one producer per application instance.
  const output = pipeline?.commit === 'transactional';
  const partitions = inputPartitions + (output ? 1 : 0);
  const brokers = scenario.brokers ?? replicationFactor;
  if (replicationFactor > brokers) {
    throw new ConfigError(
      'InvalidScenario',
      `Replication factor: ${replicationFactor} larger than available brokers: ${brokers}.`,
    );
  }
  if (inputPartitions > scenarioRanges.partitions.max) {
    throw new ConfigError(
      'InvalidScenario',
      `num.partitions must be at most ${scenarioRanges.partitions.max} for the model; got ${inputPartitions}`,
    );
  }
  if (brokers > scenarioRanges.brokers.max) {
    throw new ConfigError(
      'InvalidScenario',
      `replication.factor must be at most ${scenarioRanges.brokers.max} for the model; got ${brokers}`,
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

  const acks: Acks = acksText === '-1' || acksText === 'all' ? 'all' : acksText === '0' ? '0' : '1';
  const config: ModelConfig = {
    // Fields this stage does not know yet keep the model's defaults.
    ...defaultConfig,
    brokers,
    partitions,
    replicationFactor,
    minInsyncReplicas,
    uncleanLeaderElectionEnable: flag('unclean.leader.election.enable'),
    flushMessages: number('flush.messages'),
    acks,
    retries: number('retries'),
    enableIdempotence: producer.enableIdempotence,
    maxInFlightRequestsPerConnection: number('max.in.flight.requests.per.connection'),
    // batch.size=0 turns batching off: every record is a batch of its own.
    batchSize: Math.max(1, number('batch.size')),
    deliveryTimeoutMs: producer.deliveryTimeoutMs,
    requestTimeoutMs: number('request.timeout.ms'),
    lingerMs: number('linger.ms'),
    transactionalId,
    transactionTimeoutMs: number('transaction.timeout.ms'),
    transactionMaxTimeoutMs: number('transaction.max.timeout.ms'),
    transactionPartitionVerificationEnable: flag('transaction.partition.verification.enable'),
    // The catalogue allows exactly the two levels.
    isolationLevel: text('isolation.level') as IsolationLevel,
    pipeline,
    producers: workloadProducers + (output ? pipeline.consumers : 0),
    records: scenario.records ?? defaultConfig.records,
    onFailure: scenario.onFailure ?? defaultConfig.onFailure,
    transactionRecords: scenario.transactionRecords ?? defaultConfig.transactionRecords,
    faults: { ...defaultFaults, ...definedOnly(scenario.faults ?? {}) },
    variants: { ...defaultConfig.variants, ...definedOnly(scenario.variants ?? {}) },
  };

  // What the model runs with, not only what was written: Kafka's adjustments show as such.
  const adjusted = new Map<string, Setting>();
  if (producer.idempotenceDisabledByKafka) {
    adjusted.set('enable.idempotence', {
      key: 'enable.idempotence',
      value: 'false',
      source: 'default, disabled by Kafka',
    });
  }
  if (producer.deliveryTimeoutRaisedByKafka) {
    adjusted.set('delivery.timeout.ms', {
      key: 'delivery.timeout.ms',
      value: String(producer.deliveryTimeoutMs),
      source: 'default, raised by Kafka',
    });
  }
  if (scenario.partitions !== undefined) {
    adjusted.set('num.partitions', {
      key: 'num.partitions',
      value: String(inputPartitions),
      source: 'scenario',
    });
  }
  const settings: Setting[] = modelledKeys
    .filter(
      (d) =>
        d.field !== undefined ||
        (pipeline !== null && groupKeys.includes(d.key) && (d.default !== null || values.has(d.key))),
    )
    .map((d) => {
      const value = effective(values, d.key);
      return adjusted.get(d.key) ?? { key: d.key, value: value.text, source: value.source };
    });
  return { config, settings, warnings: [...unknown, ...warnings], ignored };
}

function definedOnly<T extends object>(partial: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A shipped preset's configuration, as `--preset NAME` alone resolves it. */
export function resolvePreset(preset: {
  readonly name: string;
  readonly kafka: Readonly<Record<string, string>>;
  readonly scenario: Scenario;
}): Resolved {
  return resolveConfig([{ kind: 'preset', name: preset.name, entries: preset.kafka }], preset.scenario);
}
