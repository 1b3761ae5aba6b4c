/**
 * The options `check` (and later `explore`) share: which Kafka settings, which cluster, which
 * faults. Turns them into config layers and a scenario, and back into the flags that reproduce
 * them, so a replay command says exactly what was checked.
 */
import type { Command } from 'commander';
import { defaultConfig, defaultFaults, type FailurePolicy } from '../../model/index.ts';
import { quoted } from '../config/error.ts';
import { faultOptions, variantOptions } from '../config/faults.ts';
import { allPresets, type Preset } from '../config/presets.ts';
import { type ConfigLayer, type Resolved, resolveConfig, type Scenario } from '../config/resolve.ts';
import { commitStrategies, sendOffsetsChoices, sinkKinds } from '../config/scenario.ts';
import { configLayersOf, presetNamed, scenarioFrom } from '../library/setup.ts';
import { ignoredLines } from '../report/ignored.ts';
import { shellWord } from '../report/shell.ts';
import { err, UsageError } from './output.ts';

export interface ScenarioOptions {
  readonly preset?: string;
  readonly config: readonly string[];
  readonly set: readonly string[];
  readonly brokers?: number;
  readonly partitions?: number;
  readonly inputPartitions?: number;
  readonly producers?: number;
  readonly records?: number;
  readonly transactionRecords?: number;
  readonly faults?: string;
  readonly onFailure?: string;
  readonly variant: readonly string[];
  readonly consumers?: number;
  readonly commit?: string;
  readonly sink?: string;
  readonly sendOffsets?: string;
  /** Unknown Kafka keys are warned about and ignored instead of refused. */
  readonly allowUnknown?: boolean;
}

/** A commander parser for a whole number flag within [min, max]. */
export function integer(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new UsageError(`${flag} must be a whole number from ${min} to ${max}; got ${quoted(value)}`);
    }
    return n;
  };
}

function collect(value: string, previous: readonly string[]): readonly string[] {
  return [...previous, value];
}

export function addScenarioOptions(command: Command): Command {
  return command
    .option('--preset <name>', `a shipped scenario (${allPresets.map((p) => p.name).join(', ')})`)
    .option(
      '--config <file>',
      'a Kafka .properties file (producer, consumer, topic or server.properties); repeatable',
      collect,
      [],
    )
    .option('--set <key=value>', 'one Kafka setting, winning over files; repeatable', collect, [])
    .option('--allow-unknown', 'warn about a key Kafka does not know and ignore it, instead of refusing it')
    .option(
      '--brokers <n>',
      'brokers in the cluster (default: replication.factor)',
      integer('--brokers', 1, 9),
    )
    .option('--partitions <n>', 'partitions of the topic (default 1)', integer('--partitions', 1, 8))
    .option(
      '--input-partitions <n>',
      'partitions of the input topic a consumer group reads (the same as --partitions)',
      integer('--input-partitions', 1, 8),
    )
    .option(
      '--producers <n>',
      'producers, each with its own workload (default 1)',
      integer('--producers', 1, 4),
    )
    .option('--records <n>', 'records each producer sends (default 3)', integer('--records', 1, 20))
    .option(
      '--transaction-records <k>',
      `records per transaction of a transactional producer (default ${defaultConfig.transactionRecords})`,
      integer('--transaction-records', 1, 20),
    )
    .option(
      '--faults <spec>',
      `fault budgets, e.g. ${faultOptions.map((o) => `${o.name}=${defaultFaults[o.kind]}`).join(',')}`,
    )
    .option('--on-failure <policy>', 'what the application does when send() fails: give-up or resend')
    .option(
      '--consumers <n>',
      'application instances in the consumer group (group.id) reading the topic (default: none)',
      integer('--consumers', 1, 4),
    )
    .option('--commit <strategy>', `when the application commits its offsets (${commitStrategies.join('|')})`)
    .option('--sink <kind>', `where the application writes its results (${sinkKinds.join('|')})`)
    .option(
      '--send-offsets <with>',
      'what an exactly-once application passes to sendOffsetsToTransaction: group-metadata (KIP-447, the default) or group-id (the deprecated overload)',
    )
    .option(
      '--variant <name=value>',
      `a protocol variant (${variantOptions.map((o) => `${o.name}=${o.values.join('|')}`).join(', ')}); repeatable`,
      collect,
      [],
    );
}

export function chosenPreset(options: ScenarioOptions): Preset | null {
  return options.preset === undefined ? null : presetNamed(options.preset);
}

export function configLayers(options: ScenarioOptions, preset: Preset | null): ConfigLayer[] {
  return configLayersOf(preset, options.config, options.set, '--config');
}

/** The setup the flags describe, resolved; the ignored keys are told once on stderr. */
export function resolvedScenario(options: ScenarioOptions, preset: Preset | null): Resolved {
  const resolved = resolveConfig(configLayers(options, preset), scenarioOf(options, preset), {
    allowUnknown: options.allowUnknown === true,
  });
  for (const warning of resolved.warnings) err(`warning: ${warning}`);
  const ignored = ignoredLines(resolved.ignored);
  if (ignored.length > 0) err(ignored);
  return resolved;
}

function failurePolicy(value: string): FailurePolicy {
  if (value === 'give-up' || value === 'resend') return value;
  throw new UsageError(`--on-failure must be give-up or resend; got ${quoted(value)}`);
}

/** --input-partitions names the same number as --partitions; given both, they must agree. */
function partitionsOf(options: ScenarioOptions): number | undefined {
  const { partitions, inputPartitions } = options;
  if (partitions !== undefined && inputPartitions !== undefined && partitions !== inputPartitions) {
    throw new UsageError(
      `--partitions ${partitions} and --input-partitions ${inputPartitions} name the same topic; give one`,
    );
  }
  return partitions ?? inputPartitions;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got ${quoted(value)}`);
}

/** The preset's scenario, overridden field by field by the flags given. */
export function scenarioOf(options: ScenarioOptions, preset: Preset | null): Scenario {
  const partitions = partitionsOf(options);
  const fields = {
    brokers: options.brokers,
    partitions,
    producers: options.producers,
    records: options.records,
    transactionRecords: options.transactionRecords,
    consumers: options.consumers,
    ...(options.onFailure === undefined ? {} : { onFailure: failurePolicy(options.onFailure) }),
    ...(options.commit === undefined ? {} : { commit: oneOf('--commit', options.commit, commitStrategies) }),
    ...(options.sink === undefined ? {} : { sink: oneOf('--sink', options.sink, sinkKinds) }),
    ...(options.sendOffsets === undefined
      ? {}
      : { sendOffsets: oneOf('--send-offsets', options.sendOffsets, sendOffsetsChoices) }),
  };
  return scenarioFrom(preset, fields, options.faults, options.variant);
}

/** The flags that select this scenario again, for replay commands. */
export function scenarioFlags(options: ScenarioOptions): string[] {
  const flags: string[] = [];
  const add = (flag: string, value: string | number | undefined): void => {
    if (value !== undefined) flags.push(flag, shellWord(String(value)));
  };
  add('--preset', options.preset);
  for (const c of options.config) add('--config', c);
  for (const s of options.set) add('--set', s);
  if (options.allowUnknown === true) flags.push('--allow-unknown');
  add('--brokers', options.brokers);
  add('--partitions', options.partitions);
  add('--input-partitions', options.inputPartitions);
  add('--producers', options.producers);
  add('--records', options.records);
  add('--transaction-records', options.transactionRecords);
  add('--faults', options.faults);
  add('--on-failure', options.onFailure);
  add('--consumers', options.consumers);
  add('--commit', options.commit);
  add('--sink', options.sink);
  add('--send-offsets', options.sendOffsets);
  for (const v of options.variant) add('--variant', v);
  return flags;
}
