/**
 * The `check` pipeline: run the random explorer (or regenerate one schedule from a seed and
 * path), turn each violation into a replayable trace file, and summarise the verdicts. Returns
 * data; printing and exit codes belong to the CLI.
 */
import { join } from 'node:path';
import type { Action, ModelConfig } from '../../model/index.ts';
import { type PropertyName, propertyNames } from '../../properties/index.ts';
import { kafkaModel } from '../adapters/kafka.ts';
import { describeProtocol } from '../config/protocol.ts';
import type { Resolved } from '../config/resolve.ts';
import type { Model } from '../engines/contract.ts';
import { defaultHeal } from '../engines/heal.ts';
import { Coverage, type CoverageFigures } from '../engines/random/coverage.ts';
import { type Counterexample, counterexampleOf, randomSearch, scheduleAt } from '../engines/random/random.ts';
import { runSchedule } from '../engines/random/run.ts';
import { defaultShape } from '../engines/random/schedule.ts';
import { DEFAULT_REPLAYS, shortenSteps } from '../engines/shrink/delta.ts';
import { DEFAULT_SHORTEST_STATES, shortestSteps } from '../engines/shrink/shortest.ts';
import { writeTrace } from '../trace/file.ts';
import { TRACE_FORMAT, TRACE_VERSION, type Trace } from '../trace/schema.ts';
import { TOOL } from '../version.ts';

export const DEFAULT_RUNS = 10_000;
export const DEFAULT_SEED = 1;
export const DEFAULT_PREFIX_STATES = defaultShape.prefixStates;
export { DEFAULT_SHORTEST_STATES };

export interface CheckRequest {
  readonly resolved: Resolved;
  readonly preset: string | null;
  readonly runs: number;
  readonly seed: number;
  /** Replay the one schedule fast-check generates at this path, instead of searching. */
  readonly path: string | null;
  /** The prefix pool's budget in states (1: every schedule starts at the initial state). */
  readonly prefixStates: number;
  readonly judged: readonly PropertyName[];
  /** Where trace files go; null writes none. */
  readonly outDir: string | null;
  /** States the search for a shortest counterexample may visit, per property (default DEFAULT_SHORTEST_STATES). */
  readonly shrinkStates?: number;
}

export interface CounterexampleReport {
  readonly property: string;
  readonly message: string;
  readonly kind: 'safety' | 'end';
  /** Applied steps up to the violation. */
  readonly length: number;
  readonly seed: number;
  readonly path: string;
  readonly prefixStates: number;
  /** The shortest search's budget it was shortened with: seed and path give it back with the same. */
  readonly shrinkStates: number;
  /** No shorter schedule of the scenario breaks the property (a breadth-first search covered them). */
  readonly shortest: boolean;
  readonly traceFile: string | null;
  readonly trace: Trace;
}

/** What a caller may do while a check runs: stop it (Ctrl-C), and hear how far it is. */
export interface CheckHooks {
  readonly stop?: () => boolean;
  readonly progress?: (progress: CheckProgress) => void;
}

export interface CheckProgress {
  /** Schedules run so far, of `total`. */
  readonly runs: number;
  readonly total: number;
  /** Properties broken so far. */
  readonly broken: readonly string[];
}

/** A property's verdict; `interrupted`: the search was stopped before its budget without breaking it. */
export type PropertyVerdict = 'passed' | 'violated' | 'interrupted';

export interface CheckResult {
  /** `interrupted`: stopped before its budget with nothing broken so far. */
  readonly verdict: 'passed' | 'violated' | 'interrupted';
  /** The search was stopped before its budget (Ctrl-C): what it found so far. */
  readonly interrupted: boolean;
  readonly protocol: string;
  readonly properties: Readonly<Record<string, PropertyVerdict>>;
  readonly runs: number;
  readonly seed: number;
  readonly path: string | null;
  readonly warnings: readonly string[];
  /** In the order a user reads them: no-loss, no-duplicate, order, then the rest. */
  readonly counterexamples: readonly CounterexampleReport[];
  readonly witnessed: Readonly<Record<string, number>>;
  /** The witnesses the model has that no run reached. */
  readonly unwitnessed: readonly string[];
  readonly coverage: CoverageFigures;
}

/** What a trace file records of a counterexample, from either explorer. */
export type TraceSource = Pick<Counterexample<Action>, 'seed' | 'path' | 'healFrom' | 'actions'> & {
  /** Left out for the exhaustive explorer. */
  readonly prefixStates?: number;
  readonly violation: Pick<Counterexample<Action>['violation'], 'property' | 'message' | 'kind'>;
  /** Left out for the random explorer. */
  readonly explorer?: 'exhaustive';
};

export function traceOf(
  request: Pick<CheckRequest, 'resolved' | 'preset'>,
  counterexample: TraceSource,
): Trace {
  const config: ModelConfig = request.resolved.config;
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    tool: TOOL,
    protocol: describeProtocol(config.variants),
    preset: request.preset,
    settings: request.resolved.settings.map((s) => ({ ...s })),
    config,
    ...(counterexample.explorer === undefined ? {} : { explorer: counterexample.explorer }),
    seed: counterexample.seed,
    path: counterexample.path,
    ...(counterexample.prefixStates === undefined ? {} : { prefixStates: counterexample.prefixStates }),
    property: counterexample.violation.property,
    message: counterexample.violation.message,
    kind: counterexample.violation.kind,
    healFrom: counterexample.healFrom,
    actions: [...counterexample.actions],
  };
}

/** `durable.no-loss.seed=-407440891.trace.json`: the seed as `--seed=` takes it, its sign in plain sight. */
export function traceFileName(preset: string | null, property: string, seed: number): string {
  return `${preset ?? 'custom'}.${property}.seed=${seed}.trace.json`;
}

/** A counterexample after shortening, and whether no shorter one breaks its property. */
export type Shortened = Counterexample<Action> & { readonly shortest: boolean };

/**
 * fast-check's shrunk counterexample, shortened further by delta debugging over its steps, then
 * replaced by a shortest one when a breadth-first search to one step fewer fits its budget.
 */
export function shortened<S>(
  model: Model<S, Action>,
  c: Counterexample<Action>,
  statesMax: number = DEFAULT_SHORTEST_STATES,
): Shortened {
  const options = { heal: defaultHeal, replaysMax: DEFAULT_REPLAYS, statesMax };
  const delta = shortenSteps(model, c, options);
  const best = shortestSteps(model, delta, options);
  return { ...c, ...best.steps, shortest: best.shortest };
}

export function runCheck(request: CheckRequest, hooks: CheckHooks = {}): CheckResult {
  const model = kafkaModel(request.resolved.config, request.judged);
  let found: readonly Counterexample<Action>[];
  let runs: number;
  let witnessed: ReadonlyMap<string, number>;
  let coverage: CoverageFigures;
  let interrupted = false;
  const shape = { ...defaultShape, prefixStates: request.prefixStates };
  if (request.path === null) {
    const { stop, progress } = hooks;
    const search = randomSearch(model, {
      seed: request.seed,
      runs: request.runs,
      shape,
      ...(stop === undefined ? {} : { stop }),
      ...(progress === undefined
        ? {}
        : {
            progress: (runs: number, broken: readonly string[]) =>
              progress({ runs, total: request.runs, broken }),
          }),
    });
    interrupted = search.interrupted;
    found = search.counterexamples;
    runs = search.runs;
    witnessed = search.witnessed;
    coverage = search.coverage;
  } else {
    const schedule = scheduleAt(model, request.seed, request.path, shape);
    const seen = new Coverage(model);
    const run = runSchedule(model, schedule, defaultHeal, seen.visit);
    seen.ran(run.actions.length);
    coverage = seen.figures();
    found = run.violations.map((v) =>
      counterexampleOf(run, v, request.seed, request.path!, schedule, request.prefixStates),
    );
    runs = 1;
    witnessed = run.witnessed;
  }
  const rank = (property: string) => propertyNames.indexOf(property as PropertyName);
  const ordered = [...found].sort((a, b) => rank(a.violation.property) - rank(b.violation.property));
  const counterexamples = ordered.map((random): CounterexampleReport => {
    const c = shortened(model, random, request.shrinkStates);
    const trace = traceOf(request, c);
    const traceFile =
      request.outDir === null
        ? null
        : join(request.outDir, traceFileName(request.preset, trace.property, c.seed));
    if (traceFile !== null) writeTrace(traceFile, trace);
    return {
      property: trace.property,
      message: trace.message,
      kind: trace.kind,
      length: trace.actions.length,
      seed: c.seed,
      path: c.path,
      prefixStates: c.prefixStates,
      shrinkStates: request.shrinkStates ?? DEFAULT_SHORTEST_STATES,
      shortest: c.shortest,
      traceFile,
      trace,
    };
  });
  const broken = new Set(counterexamples.map((c) => c.property));
  const properties = Object.fromEntries(
    propertyNames
      .filter((p) => request.judged.includes(p))
      .map((p) => [p, broken.has(p) ? 'violated' : interrupted ? 'interrupted' : 'passed']),
  ) as Record<string, PropertyVerdict>;
  return {
    verdict: broken.size > 0 ? 'violated' : interrupted ? 'interrupted' : 'passed',
    interrupted,
    protocol: describeProtocol(request.resolved.config.variants),
    properties,
    runs,
    seed: request.seed,
    path: request.path,
    warnings: request.resolved.warnings,
    counterexamples,
    witnessed: Object.fromEntries(witnessed),
    unwitnessed: model.witnesses.map((w) => w.name).filter((name) => !witnessed.has(name)),
    coverage,
  };
}
