/** `deliverycheck check`: search a scenario for violations and tell each one as a story. */
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import {
  type CommitStrategy,
  inputPartitionCount,
  isTransactional,
  type ModelConfig,
} from '../../model/index.ts';
import { type PropertyName, propertyNames } from '../../properties/index.ts';
import { quoted } from '../config/error.ts';
import { formatFaults } from '../config/faults.ts';
import type { Resolved } from '../config/resolve.ts';
import { PLAIN_RUNS } from '../engines/random/random.ts';
import { checkReplayCommands } from '../library/check.ts';
import {
  type CheckRequest,
  type CheckResult,
  DEFAULT_PREFIX_STATES,
  DEFAULT_RUNS,
  DEFAULT_SEED,
  DEFAULT_SHORTEST_STATES,
  runCheck,
  traceFileName,
} from '../pipelines/check.ts';
import { checkOnThread } from '../pipelines/check-thread.ts';
import {
  DEFAULT_REPORT_FORMATS,
  type ReportFormat,
  reportFormats,
  writeMarkdownReport,
} from '../pipelines/report-files.ts';
import { type CounterexampleView, counterexampleView } from '../report/counterexample.ts';
import { tell } from '../report/story.ts';
import { renderStory, renderTable } from '../report/terminal.ts';
import { parseNameList, reportFormatsOf } from './names.ts';
import { out, paintFor, UsageError } from './output.ts';
import { checkOutputDirectory } from './paths.ts';
import {
  addScenarioOptions,
  chosenPreset,
  integer,
  resolvedScenario,
  type ScenarioOptions,
  scenarioFlags,
} from './scenario-options.ts';

interface CheckOptions extends ScenarioOptions {
  readonly runs: number;
  readonly seed: number;
  readonly path?: string;
  readonly prefixStates: number;
  readonly shrinkStates: number;
  readonly properties?: readonly PropertyName[];
  readonly json?: boolean;
  readonly out: string;
  readonly report: readonly ReportFormat[];
}

/** The most schedules one check runs. */
const RUNS_MAX = 100_000_000;
export const parseRuns = integer('--runs', 1, RUNS_MAX);
const parsePrefixStates = integer('--prefix-states', 1, 1_000_000);
const parseShrinkStates = integer('--shrink-states', 1, 100_000_000);

export function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^\s*-?\d+\s*$/.test(value) || !Number.isInteger(n) || n < -(2 ** 31) || n > 2 ** 31 - 1) {
    throw new UsageError(`--seed must be a 32-bit integer (-2147483648 to 2147483647); got ${quoted(value)}`);
  }
  return n;
}

/** The highest run a path can start at: a check runs at most the --runs limit of schedules. */
const PATH_RUN_MAX = RUNS_MAX - 1;

export function parsePath(value: string): string {
  if (!/^\d+(:\d+)*$/.test(value)) {
    throw new UsageError(`--path must look like 12:3:0 (fast-check's replay path); got ${quoted(value)}`);
  }
  // fast-check walks to the path's first run one schedule at a time: a run no check can reach
  // would take hours to walk to.
  const run = Number(value.split(':')[0]);
  if (run > PATH_RUN_MAX) {
    throw new UsageError(
      `--path starts at run ${quoted(value.split(':')[0]!)}, beyond any check's runs: the first number is a run from 0 to ${PATH_RUN_MAX}`,
    );
  }
  return value;
}

export function parseProperties(value: string): readonly PropertyName[] {
  return parseNameList('--properties', value, propertyNames, 'a comma-separated list of') as PropertyName[];
}

/** Each counterexample in the library's shape (steps structured and told, the story, the replay commands). */
function viewsOf(options: CheckOptions, result: CheckResult): CounterexampleView[] {
  return result.counterexamples.map((c) =>
    counterexampleView(c.trace, {
      shortest: c.shortest,
      traceFile: c.traceFile,
      replay: replayCommands(options, c),
    }),
  );
}

function jsonResult(resolved: Resolved, result: CheckResult, views: readonly CounterexampleView[]): unknown {
  const first = result.counterexamples[0];
  // The one shape, plus the budgets the search and the shortening ran with.
  const describe = (c: CheckResult['counterexamples'][number], i: number) => ({
    ...views[i]!,
    message: c.message,
    prefixStates: c.prefixStates,
    shrinkStates: c.shrinkStates,
  });
  return {
    verdict: result.verdict,
    interrupted: result.interrupted,
    protocol: result.protocol,
    properties: result.properties,
    runs: result.runs,
    seed: result.seed,
    path: result.path ?? first?.path ?? null,
    warnings: result.warnings,
    ...(first === undefined
      ? {}
      : {
          violation: { property: first.property, message: first.message },
          counterexample: {
            length: first.length,
            traceFile: first.traceFile,
            seed: first.seed,
            path: first.path,
            prefixStates: first.prefixStates,
          },
        }),
    counterexamples: result.counterexamples.map(describe),
    witnessed: result.witnessed,
    unwitnessed: result.unwitnessed,
    coverage: result.coverage,
    ignored: resolved.ignored,
  };
}

export function replayCommands(
  options: ScenarioOptions,
  c: CheckResult['counterexamples'][number],
): string[] {
  return checkReplayCommands(scenarioFlags(options), c);
}

/** How a transactional workload groups its records, for the cluster line; empty otherwise. */
/** The producers writing the workload (with a topic sink the instances' producers come on top). */
function workload(c: ModelConfig): number {
  return c.pipeline?.workloadProducers ?? c.producers;
}

function transactions(c: ModelConfig): string {
  if (!isTransactional(c) || c.pipeline !== null) return '';
  return ` in transactions of ${c.transactionRecords} (${c.isolationLevel} reader)`;
}

const commitWords: Record<CommitStrategy, string> = {
  before: 'commits before processing',
  after: 'commits after processing',
  auto: 'auto-commits (enable.auto.commit)',
  'on-revoke': 'commits in onPartitionsRevoked',
  transactional: 'commits offsets in its transaction',
  external: 'stores offsets with its output',
};

function sinkWords(c: ModelConfig): string {
  const p = c.pipeline!;
  if (p.sink !== 'topic') return p.sink;
  const producer =
    c.transactionalId === null
      ? 'a producer'
      : `a transactional producer (transactional.id ${c.transactionalId}-N)`;
  return `an output topic of 1 partition (partition ${c.partitions - 1}) with ${producer} per instance, read with ${c.isolationLevel} downstream`;
}

/** The consumer group line, for a run that models one. */
function group(c: ModelConfig): string | null {
  const p = c.pipeline;
  if (p === null) return null;
  const membership = p.staticMembership ? ', static members' : '';
  return (
    `group:    ${p.consumers} consumer(s), ${p.assignor} assignor${membership}, max.poll.records ${p.maxPollRecords}, ` +
    `auto.offset.reset ${p.autoOffsetReset}; the application ${commitWords[p.commit]} and writes to ${sinkWords(c)}` +
    (p.commit === 'transactional' && p.sendOffsets === 'group-id'
      ? '; sendOffsetsToTransaction gets the group id only'
      : '')
  );
}

function humanResult(options: CheckOptions, resolved: Resolved, result: CheckResult): void {
  const paint = paintFor(false);
  const where = result.path === null ? `, up to ${options.runs} runs` : `, path ${result.path}`;
  out(paint.dim(`seed ${result.seed}${where}`));
  out(`protocol: ${result.protocol}`);
  const given = resolved.settings.filter((s) => s.source !== 'default').map((s) => `${s.key}=${s.value}`);
  out(`settings: ${given.length === 0 ? "Kafka's defaults" : given.join(' ')}`);
  const c = resolved.config;
  out(
    `cluster:  ${c.brokers} brokers, ${inputPartitionCount(c)} partition(s), ${workload(c)} producer(s) sending ` +
      `${c.records} records each${transactions(c)}; faults: ${formatFaults(c.faults)}; on send() failure: ${c.onFailure}`,
  );
  const line = group(c);
  if (line !== null) out(line);
  const rows = Object.entries(result.properties).map(([name, verdict]) => {
    const c = result.counterexamples.find((x) => x.property === name);
    return [
      name,
      verdict === 'passed'
        ? paint.green('passed')
        : verdict === 'interrupted'
          ? paint.yellow('interrupted')
          : paint.red('violated'),
      c === undefined
        ? `no counterexample in ${result.runs} runs${result.interrupted ? ' (interrupted)' : ''}`
        : `${c.length}-step counterexample${c.shortest ? ' (shortest)' : ''}`,
    ];
  });
  out(renderTable(['property', 'verdict', 'evidence'], rows));
  for (const c of result.counterexamples) {
    out('');
    out(renderStory(tell(c.trace), replayCommands(options, c), paint));
    if (c.traceFile !== null) out(paint.dim(`trace written to ${c.traceFile}`));
  }
  if (result.interrupted) {
    out('');
    out(
      paint.yellow(
        `interrupted after ${result.runs} of ${options.runs} runs: the verdicts above are what was found so far`,
      ),
    );
  } else if (result.counterexamples.length === 0) {
    out('');
    out(paint.green(`nothing found in ${result.runs} runs`));
  }
  out(coverageLine(result));
  if (result.unwitnessed.length > 0) out(paint.dim(`not reached: ${result.unwitnessed.join(', ')}`));
}

/** What the search went through, so that a pass says how far it looked. */
function coverageLine(result: CheckResult): string {
  const reached = Object.keys(result.witnessed);
  const count = (n: number) => n.toLocaleString('en-US');
  return (
    `covered: ${count(result.coverage.states)} distinct states, longest schedule ${result.coverage.longest} steps, ` +
    `witnesses reached: ${reached.length === 0 ? 'none' : reached.join(', ')}`
  );
}

export function registerCheck(program: Command): void {
  addScenarioOptions(
    program
      .command('check')
      .description('search a Kafka setup for lost, duplicated or reordered records with random schedules'),
  )
    .option('--runs <n>', 'schedules to try, across all properties', parseRuns, DEFAULT_RUNS)
    .option('--seed <n>', 'the seed everything random derives from', parseSeed, DEFAULT_SEED)
    .option('--path <path>', "replay the one schedule at fast-check's path (with --seed)", parsePath)
    .option(
      '--prefix-states <n>',
      `states in the breadth-first pool a schedule may start from, after the first ${PLAIN_RUNS} start at the initial state (1: all do)`,
      parsePrefixStates,
      DEFAULT_PREFIX_STATES,
    )
    .option(
      '--shrink-states <n>',
      `states the search for a shortest counterexample may visit, per property (about ${DEFAULT_SHORTEST_STATES.toLocaleString('en-US')} a second); a counterexample it covers is marked shortest`,
      parseShrinkStates,
      DEFAULT_SHORTEST_STATES,
    )
    .option('--properties <list>', `judge only these (${propertyNames.join(', ')})`, parseProperties)
    .option('--json', 'print one JSON object on stdout and nothing else there')
    .option('--out <dir>', 'where trace files and reports go', 'reports')
    .option(
      '--report <formats>',
      `the files each counterexample gets in --out: ${reportFormats.join(', ')} (json: the replayable trace; md: its story with a sequence diagram)`,
      reportFormatsOf('--report'),
      [...DEFAULT_REPORT_FORMATS],
    )
    .action(async (options: CheckOptions) => {
      const preset = chosenPreset(options);
      if (preset?.model === 'canonical') {
        throw new UsageError(
          `${preset.name} is the anchors' benchmark model; check it exhaustively with: deliverycheck explore --preset ${preset.name}`,
        );
      }
      const resolved = resolvedScenario(options, preset);
      const json = options.json === true;
      checkOutputDirectory('--out', options.out);
      const request: CheckRequest = {
        resolved,
        preset: preset?.name ?? null,
        runs: options.runs,
        seed: options.seed,
        path: options.path ?? null,
        prefixStates: options.prefixStates,
        shrinkStates: options.shrinkStates,
        judged: options.properties ?? propertyNames,
        outDir: options.report.includes('json') ? options.out : null,
      };
      const result = request.path === null ? await interruptible(request, json) : runCheck(request);
      const views = viewsOf(options, result);
      const reports = options.report.includes('md')
        ? markdownReports(options, request.preset, result, views)
        : [];
      if (json) out(JSON.stringify(jsonResult(resolved, result, views), null, 2));
      else humanResult(options, resolved, result);
      if (!json) for (const path of reports) out(`report written to ${path}`);
      process.exitCode = result.interrupted ? 130 : result.verdict === 'violated' ? 1 : 0;
    });
}

/** Each counterexample's Markdown report in --out, named after its trace file. */
function markdownReports(
  options: CheckOptions,
  preset: string | null,
  result: CheckResult,
  views: readonly CounterexampleView[],
): string[] {
  return result.counterexamples.map((c, i) => {
    const traceFile = c.traceFile ?? join(options.out, traceFileName(preset, c.property, c.seed));
    return writeMarkdownReport(views[i]!, preset, traceFile);
  });
}

/**
 * The search on a thread of its own, so that this one draws its progress (on a terminal, without
 * --json) and hears Ctrl-C: the first stops the search and the result tells what was found so far;
 * a second exits at once.
 */
async function interruptible(request: CheckRequest, json: boolean): Promise<CheckResult> {
  const bar = checkProgressBar(json, request.runs);
  const thread = checkOnThread(request, (p) =>
    bar?.update(p.runs, { broken: p.broken.length === 0 ? 'none yet' : p.broken.join(', ') }),
  );
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    thread.stop();
  };
  process.on('SIGINT', onSigint);
  try {
    return await thread.result;
  } finally {
    bar?.stop();
    process.off('SIGINT', onSigint);
  }
}

/** Runs done of the budget, properties broken so far and the time taken, on a terminal only. */
function checkProgressBar(json: boolean, runs: number) {
  if (json || process.stderr.isTTY !== true) return null;
  const bar = new cliProgress.SingleBar(
    {
      format: 'check | {bar} | {value}/{total} runs | broken: {broken} | {duration}s',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(runs, 0, { broken: 'none yet' });
  return bar;
}
