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
import { type Counterexample, counterexampleOf, randomSearch, scheduleAt } from '../engines/random/random.ts';
import { runSchedule } from '../engines/random/run.ts';
import { defaultShape } from '../engines/random/schedule.ts';
import { DEFAULT_REPLAYS, shortenSteps } from '../engines/shrink/delta.ts';
import { writeTrace } from '../trace/file.ts';
import { TRACE_FORMAT, TRACE_VERSION, type Trace } from '../trace/schema.ts';
import { TOOL } from '../version.ts';

export const DEFAULT_RUNS = 10_000;
export const DEFAULT_SEED = 1;
export const DEFAULT_PREFIX_STATES = defaultShape.prefixStates;

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
  readonly traceFile: string | null;
  readonly trace: Trace;
}

export interface CheckResult {
  readonly verdict: 'passed' | 'violated';
  readonly protocol: string;
  readonly properties: Readonly<Record<string, 'passed' | 'violated'>>;
  readonly runs: number;
  readonly seed: number;
  readonly path: string | null;
  readonly warnings: readonly string[];
  readonly counterexamples: readonly CounterexampleReport[];
  readonly witnessed: Readonly<Record<string, number>>;
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

function traceFileName(preset: string | null, property: string, seed: number): string {
  return `${preset ?? 'custom'}.${property}.seed${seed}.trace.json`;
}

/** fast-check's shrunk counterexample, shortened further by delta debugging over its steps. */
export function shortened<S>(model: Model<S, Action>, c: Counterexample<Action>): Counterexample<Action> {
  const steps = shortenSteps(model, c, { heal: defaultHeal, replaysMax: DEFAULT_REPLAYS });
  return steps === c ? c : { ...c, ...steps };
}

export function runCheck(request: CheckRequest): CheckResult {
  const model = kafkaModel(request.resolved.config, request.judged);
  let found: readonly Counterexample<Action>[];
  let runs: number;
  let witnessed: ReadonlyMap<string, number>;
  const shape = { ...defaultShape, prefixStates: request.prefixStates };
  if (request.path === null) {
    const search = randomSearch(model, { seed: request.seed, runs: request.runs, shape });
    found = search.counterexamples;
    runs = search.runs;
    witnessed = search.witnessed;
  } else {
    const schedule = scheduleAt(model, request.seed, request.path, shape);
    const run = runSchedule(model, schedule);
    found = run.violations.map((v) =>
      counterexampleOf(run, v, request.seed, request.path!, schedule, request.prefixStates),
    );
    runs = 1;
    witnessed = run.witnessed;
  }
  const counterexamples = found.map((random): CounterexampleReport => {
    const c = shortened(model, random);
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
      traceFile,
      trace,
    };
  });
  const broken = new Set(counterexamples.map((c) => c.property));
  const properties = Object.fromEntries(
    propertyNames
      .filter((p) => request.judged.includes(p))
      .map((p) => [p, broken.has(p) ? 'violated' : 'passed']),
  ) as Record<string, 'passed' | 'violated'>;
  return {
    verdict: broken.size > 0 ? 'violated' : 'passed',
    protocol: describeProtocol(request.resolved.config.variants),
    properties,
    runs,
    seed: request.seed,
    path: request.path,
    warnings: request.resolved.warnings,
    counterexamples,
    witnessed: Object.fromEntries(witnessed),
  };
}
