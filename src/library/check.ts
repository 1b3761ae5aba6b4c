/**
 * `check` as a function: the random search over a setup, every counterexample shortened and told,
 * as `deliverycheck check` runs it. It prints nothing and exits nothing; the CLI does both.
 */
import { type PropertyName, propertyNames } from '../../properties/index.ts';
import { ConfigError, quoted } from '../config/error.ts';
import type { CoverageFigures } from '../engines/random/coverage.ts';
import {
  type CheckResult,
  DEFAULT_PREFIX_STATES,
  DEFAULT_RUNS,
  DEFAULT_SEED,
  DEFAULT_SHORTEST_STATES,
  type PropertyVerdict,
  runCheck,
} from '../pipelines/check.ts';
import { type CounterexampleView, counterexampleView } from '../report/counterexample.ts';
import { shellWord } from '../report/shell.ts';
import { resolveSetup, type Setup, setupFlags } from './setup.ts';

export interface CheckOptions {
  /** Everything random derives from it: the same seed gives the same schedules (default 1). */
  readonly seed?: number;
  /** Schedules to try, across all properties (default 10,000). */
  readonly runs?: number;
  /** The properties judged (default: all). */
  readonly properties?: readonly PropertyName[];
  /** Where trace files go; null (the default) writes none. */
  readonly outDir?: string | null;
  /** States the search for a shortest counterexample may visit, per property (default 20,000). */
  readonly shrinkStates?: number;
}

export interface CheckReport {
  /** Never `interrupted` here: only the CLI's Ctrl-C stops a check before its budget. */
  readonly verdict: CheckResult['verdict'];
  /** The Kafka version and protocol variants checked, in words. */
  readonly protocol: string;
  readonly properties: Readonly<Record<string, PropertyVerdict>>;
  readonly runs: number;
  readonly seed: number;
  /** Kafka's warnings about the settings (a setting overridden, say). */
  readonly warnings: readonly string[];
  /** Keys Kafka knows that the model does not use, with where each came from. */
  readonly ignored: readonly string[];
  /** No-loss first, then no-duplicate, then order, then the rest; each as short as it was made. */
  readonly counterexamples: readonly CounterexampleView[];
  /** What a pass covered: distinct states, the longest schedule. */
  readonly coverage: CoverageFigures;
  /** Reachability witnesses reached, with how many runs reached each, and those never reached. */
  readonly witnessed: Readonly<Record<string, number>>;
  readonly unwitnessed: readonly string[];
}

/** A whole number within [min, max], or a ConfigError naming the option. */
export function boundedOption(name: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(
      'InvalidValue',
      `${name} must be a whole number from ${min} to ${max}; got ${value}`,
    );
  }
  return value;
}

/** The judged properties, each one the model has. */
export function judgedProperties(properties: readonly string[] | undefined): readonly PropertyName[] {
  if (properties === undefined) return propertyNames;
  for (const p of properties) {
    if (!(propertyNames as readonly string[]).includes(p)) {
      throw new ConfigError(
        'InvalidValue',
        `properties takes names from ${propertyNames.join(', ')}; got ${quoted(p)}`,
      );
    }
  }
  return properties as readonly PropertyName[];
}

/**
 * The commands that replay a check's counterexample: its trace file, and the check that selects
 * the same setup (`flags`, already quoted) with its seed and path and the budgets it ran with.
 */
export function checkReplayCommands(
  flags: readonly string[],
  c: CheckResult['counterexamples'][number],
): string[] {
  const commands: string[] = [];
  if (c.traceFile !== null) commands.push(`npx deliverycheck replay ${shellWord(c.traceFile)}`);
  const pool = c.prefixStates === DEFAULT_PREFIX_STATES ? '' : ` --prefix-states=${c.prefixStates}`;
  const shrink = c.shrinkStates === DEFAULT_SHORTEST_STATES ? '' : ` --shrink-states=${c.shrinkStates}`;
  commands.push(
    `npx deliverycheck check ${flags.join(' ')} --seed=${c.seed} --path=${c.path}${pool}${shrink}`.replace(
      /\s+/g,
      ' ',
    ),
  );
  return commands;
}

export function check(setup: Setup, options: CheckOptions = {}): CheckReport {
  const { resolved, preset } = resolveSetup(setup);
  if (preset?.model === 'canonical') {
    throw new ConfigError(
      'InvalidScenario',
      `${preset.name} is a benchmark model: explore it, do not check it`,
    );
  }
  const result = runCheck({
    resolved,
    preset: preset?.name ?? null,
    runs: boundedOption('runs', options.runs ?? DEFAULT_RUNS, 1, 100_000_000),
    seed: boundedOption('seed', options.seed ?? DEFAULT_SEED, -(2 ** 31), 2 ** 31 - 1),
    path: null,
    prefixStates: DEFAULT_PREFIX_STATES,
    shrinkStates: boundedOption(
      'shrinkStates',
      options.shrinkStates ?? DEFAULT_SHORTEST_STATES,
      1,
      100_000_000,
    ),
    judged: judgedProperties(options.properties),
    outDir: options.outDir ?? null,
  });
  return {
    verdict: result.verdict,
    protocol: result.protocol,
    properties: result.properties,
    runs: result.runs,
    seed: result.seed,
    warnings: result.warnings,
    ignored: resolved.ignored,
    counterexamples: result.counterexamples.map((c) =>
      counterexampleView(c.trace, {
        shortest: c.shortest,
        traceFile: c.traceFile,
        replay: checkReplayCommands(setupFlags(setup).map(shellWord), c),
      }),
    ),
    coverage: result.coverage,
    witnessed: result.witnessed,
    unwitnessed: result.unwitnessed,
  };
}
