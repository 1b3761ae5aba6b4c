/**
 * A setup as a library user describes it: a preset, Kafka's own keys (from `.properties` files or
 * written out), and the cluster and faults to search, each field named as the CLI's flag is. It
 * resolves to the model's configuration exactly as `check --preset ... --config ... --set ...`
 * does, with Kafka's validation; what it gets wrong throws a ConfigError naming the field and what
 * it allows.
 */
import { readFileSync } from 'node:fs';
import type { CommitStrategy, FailurePolicy, SendOffsetsWith, SinkKind } from '../../model/index.ts';
import { ConfigError, quoted } from '../config/error.ts';
import { parseFaults, parseVariant } from '../config/faults.ts';
import { allPresets, type Preset, presetByName } from '../config/presets.ts';
import { type ConfigLayer, type Resolved, resolveConfig, type Scenario } from '../config/resolve.ts';
import { closest } from '../config/suggest.ts';

export interface Setup {
  /** A shipped preset (`deliverycheck presets`), which the other fields override. */
  readonly preset?: string;
  /** Kafka `.properties` files (producer, consumer, topic or server.properties); later ones win. */
  readonly files?: readonly string[];
  /** Kafka settings by Kafka's keys, winning over the files: `{ acks: 'all', 'min.insync.replicas': 2 }`. */
  readonly settings?: Readonly<Record<string, string | number | boolean>>;
  readonly brokers?: number;
  /** Partitions of the topic (of the input topic, for a consumer group). */
  readonly partitions?: number;
  readonly producers?: number;
  /** Records each producer sends. */
  readonly records?: number;
  /** Records per transaction of a transactional producer. */
  readonly transactionRecords?: number;
  /** Fault budgets as `--faults` names them: `'crash=1,network=2'` or `{ crash: 1, 'power-loss': 1 }`. */
  readonly faults?: string | Readonly<Record<string, number>>;
  /** What the application does when send() fails. */
  readonly onFailure?: FailurePolicy;
  /** Protocol variants as `--variant` names them: `{ truncation: 'high-watermark' }`. */
  readonly variants?: Readonly<Record<string, string>>;
  /** Application instances in the consumer group (group.id) reading the topic. */
  readonly consumers?: number;
  readonly commit?: CommitStrategy;
  readonly sink?: SinkKind;
  readonly sendOffsets?: SendOffsetsWith;
  /** Warn about a key Kafka does not know and ignore it, instead of refusing it. */
  readonly allowUnknown?: boolean;
}

/** A setup resolved: the model's configuration, the settings and where each came from, and its preset. */
export interface ResolvedSetup {
  readonly resolved: Resolved;
  readonly preset: Preset | null;
}

/** The preset of that name, or a ConfigError listing them (with a "did you mean"). */
export function presetNamed(name: string): Preset {
  const preset = presetByName(name);
  if (preset !== undefined) return preset;
  const names = allPresets.map((p) => p.name);
  const guess = closest(name, names);
  throw new ConfigError(
    'InvalidScenario',
    `unknown preset ${quoted(name)}${guess === null ? '' : ` (did you mean ${quoted(guess)}?)`}; presets are: ${names.join(', ')}`,
  );
}

/**
 * The config layers, lowest first: the preset's settings, each file, each `key=value`. `fileFlag`
 * names the files in a message about one that cannot be read (`--config` on the command line).
 */
export function configLayersOf(
  preset: Preset | null,
  files: readonly string[],
  sets: readonly string[],
  fileFlag = 'config file',
): ConfigLayer[] {
  const layers: ConfigLayer[] = [];
  if (preset !== null) layers.push({ kind: 'preset', name: preset.name, entries: preset.kafka });
  for (const path of files) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ConfigError(
        'InvalidValue',
        `cannot read ${fileFlag} ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`,
      );
    }
    layers.push({ kind: 'file', path, text });
  }
  for (const text of sets) layers.push({ kind: 'set', text });
  return layers;
}

/** `{ acks: 'all' }` as `--set acks=all` pairs. */
export function settingPairs(settings: Setup['settings']): string[] {
  return Object.entries(settings ?? {}).map(([key, value]) => `${key}=${String(value)}`);
}

/** `{ crash: 1 }` as `--faults` writes it: `crash=1`. */
export function faultsText(faults: NonNullable<Setup['faults']>): string {
  return typeof faults === 'string'
    ? faults
    : Object.entries(faults)
        .map(([name, n]) => `${name}=${n}`)
        .join(',');
}

/** The scenario fields a setup (and a flag) may set, besides faults and variants. */
const scenarioFields = [
  'brokers',
  'partitions',
  'producers',
  'records',
  'transactionRecords',
  'onFailure',
  'consumers',
  'commit',
  'sink',
  'sendOffsets',
] as const;

/**
 * The preset's scenario, overridden field by field: `fields` as given, `faults` as `--faults`
 * writes them, `variants` as `--variant` does (`truncation=high-watermark`).
 */
export function scenarioFrom(
  preset: Preset | null,
  fields: { readonly [F in (typeof scenarioFields)[number]]?: Scenario[F] | undefined },
  faults: string | undefined,
  variants: readonly string[],
): Scenario {
  const base = preset?.scenario ?? {};
  const given = Object.fromEntries(
    scenarioFields.flatMap((f) => (fields[f] === undefined ? [] : [[f, fields[f]]])),
  );
  return {
    ...base,
    ...given,
    faults: { ...base.faults, ...(faults === undefined ? {} : parseFaults(faults)) },
    variants: { ...base.variants, ...Object.assign({}, ...variants.map(parseVariant)) },
  };
}

/** `{ truncation: 'high-watermark' }` as `--variant` writes it. */
function variantTexts(variants: Setup['variants']): string[] {
  return Object.entries(variants ?? {}).map(([name, value]) => `${name}=${value}`);
}

/** Resolves a setup as the CLI resolves its flags; throws a ConfigError on what Kafka or the model refuses. */
export function resolveSetup(setup: Setup): ResolvedSetup {
  const preset = setup.preset === undefined ? null : presetNamed(setup.preset);
  const layers = configLayersOf(preset, setup.files ?? [], settingPairs(setup.settings));
  const faults = setup.faults === undefined ? undefined : faultsText(setup.faults);
  const scenario = scenarioFrom(preset, setup, faults, variantTexts(setup.variants));
  return { resolved: resolveConfig(layers, scenario, { allowUnknown: setup.allowUnknown === true }), preset };
}

/** The CLI flags that select this setup again, for replay commands. */
export function setupFlags(setup: Setup): string[] {
  const flags: string[] = [];
  const add = (flag: string, value: string | number | undefined) => {
    if (value !== undefined) flags.push(flag, String(value));
  };
  add('--preset', setup.preset);
  for (const file of setup.files ?? []) add('--config', file);
  for (const pair of settingPairs(setup.settings)) add('--set', pair);
  if (setup.allowUnknown === true) flags.push('--allow-unknown');
  add('--brokers', setup.brokers);
  add('--partitions', setup.partitions);
  add('--producers', setup.producers);
  add('--records', setup.records);
  add('--transaction-records', setup.transactionRecords);
  add('--faults', setup.faults === undefined ? undefined : faultsText(setup.faults));
  add('--on-failure', setup.onFailure);
  add('--consumers', setup.consumers);
  add('--commit', setup.commit);
  add('--sink', setup.sink);
  add('--send-offsets', setup.sendOffsets);
  for (const text of variantTexts(setup.variants)) add('--variant', text);
  return flags;
}
