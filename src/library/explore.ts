/**
 * `explore` as a function: the exhaustive breadth-first search over a setup, to a depth and a
 * state budget, as `deliverycheck explore` runs it. Its counterexample, when there is one, is a
 * shortest one.
 */
import { ConfigError } from '../config/error.ts';
import {
  DEFAULT_MAX_STATES,
  type ExploreCounterexample,
  plainRequest,
  runExplore,
} from '../pipelines/explore.ts';
import { type CounterexampleView, counterexampleView, ruleStepsView } from '../report/counterexample.ts';
import { shellWord } from '../report/shell.ts';
import { boundedOption, judgedProperties } from './check.ts';
import { resolveSetup, type Setup, setupFlags } from './setup.ts';

export interface ExploreOptions {
  /** The deepest level searched; absent: until the fault budgets end the schedules. */
  readonly depth?: number;
  /** The search stops with verdict `bounded` at this many states (default 50,000,000). */
  readonly maxStates?: number;
  /** Worker threads (default 1); the counts and the counterexample are the same with any number. */
  readonly workers?: number;
  /** The properties judged (default: all). */
  readonly properties?: readonly string[];
  /** Where the result and trace files go; null (the default) writes none. */
  readonly outDir?: string | null;
}

export interface ExploreReport {
  /** `bounded`: the state budget ended the search before the space was covered. */
  readonly verdict: 'passed' | 'violated' | 'bounded';
  readonly protocol: string | null;
  readonly states: number;
  readonly edges: number;
  readonly depth: number;
  /** The depth bound left enabled steps unexplored: a pass holds up to that depth only. */
  readonly depthCut: boolean;
  readonly seconds: number;
  readonly warnings: readonly string[];
  readonly ignored: readonly string[];
  readonly counterexample: CounterexampleView | null;
}

/**
 * An exhaustive search's counterexample in the one shape (check's): told through the Kafka model,
 * or by rule name for the canonical model; replayed from its trace file, then by `again`.
 */
export function exploreView(c: ExploreCounterexample, again: readonly string[] = []): CounterexampleView {
  const replay = [
    ...(c.traceFile === null ? [] : [`npx deliverycheck replay ${shellWord(c.traceFile)}`]),
    ...again,
  ];
  if (c.trace === null) return ruleStepsView(c, replay);
  return counterexampleView(c.trace, { shortest: true, traceFile: c.traceFile, replay });
}

export async function explore(setup: Setup, options: ExploreOptions = {}): Promise<ExploreReport> {
  const { resolved, preset } = resolveSetup(setup);
  if (preset?.model === 'canonical') {
    throw new ConfigError(
      'InvalidScenario',
      `${preset.name} is explored with the CLI: deliverycheck explore --preset ${preset.name}`,
    );
  }
  const depth = options.depth === undefined ? null : boundedOption('depth', options.depth, 0, 10_000);
  const spec = {
    kind: 'kafka',
    config: resolved.config,
    judged: judgedProperties(options.properties),
  } as const;
  const bounds = {
    depth,
    maxStates: boundedOption('maxStates', options.maxStates ?? DEFAULT_MAX_STATES, 1, 2_000_000_000),
    workers: boundedOption('workers', options.workers ?? 1, 1, 64),
  };
  const request = {
    ...plainRequest(spec, resolved, preset?.name ?? 'custom', bounds),
    outDir: options.outDir ?? null,
  };
  const result = await runExplore(request);
  const again = `npx deliverycheck explore ${setupFlags(setup).map(shellWord).join(' ')}${depth === null ? '' : ` --depth ${depth}`}`;
  return {
    verdict: result.verdict,
    protocol: result.protocol,
    states: result.states,
    edges: result.edges,
    depth: result.depth,
    depthCut: result.depthCut,
    seconds: result.seconds,
    warnings: result.warnings,
    ignored: resolved.ignored,
    counterexample: result.counterexample === null ? null : exploreView(result.counterexample, [again]),
  };
}
