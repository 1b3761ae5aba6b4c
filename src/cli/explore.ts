/**
 * `deliverycheck explore`: the exhaustive, breadth-first search of a scenario's bounded state
 * space. Exit 0 when it passes, or is bounded (with a warning); 1 on a violation; 2 on bad input;
 * 130 when interrupted (the checkpoint and a partial report are written first).
 */
import { availableParallelism } from 'node:os';
import { getHeapStatistics as heapStatistics } from 'node:v8';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { isTransactional } from '../../model/index.ts';
import { propertyNames } from '../../properties/index.ts';
import type { PropertyName } from '../../properties/property.ts';
import { type CanonicalInvariant, canonicalInvariants } from '../adapters/canonical.ts';
import type { ModelSpec } from '../adapters/spec.ts';
import { quoted } from '../config/error.ts';
import type { Preset } from '../config/presets.ts';
import type { Resolved } from '../config/resolve.ts';
import type { Reduction, Shard } from '../engines/bfs/bfs.ts';
import { CheckpointError } from '../engines/bfs/checkpoint.ts';
import { exploreView } from '../library/explore.ts';
import {
  DEFAULT_CHECKPOINT_SECONDS,
  DEFAULT_MAX_STATES,
  type ExploreRequest,
  type ExploreResult,
  ReductionConflict,
  ResumeMismatch,
  resultFileOf,
  runExplore,
} from '../pipelines/explore.ts';
import { writeResultFile } from '../pipelines/result-file.ts';
import { tell } from '../report/story.ts';
import { renderStory, renderTable } from '../report/terminal.ts';
import { parseNameList } from './names.ts';
import { err, out, paintFor, UsageError } from './output.ts';
import { checkOutputDirectory, checkOutputFile } from './paths.ts';
import {
  addScenarioOptions,
  chosenPreset,
  integer,
  resolvedScenario,
  type ScenarioOptions,
  scenarioFlags,
} from './scenario-options.ts';

interface ExploreOptions extends ScenarioOptions {
  readonly depth?: number;
  readonly workers: number;
  readonly shard?: Shard;
  readonly symmetry?: boolean;
  readonly reduction: Reduction;
  readonly properties?: string;
  readonly checkpoint?: string;
  readonly checkpointEvery: number;
  readonly resume?: string;
  readonly maxStates: number;
  readonly json?: boolean;
  readonly out: string;
}

const REDUCTIONS: readonly Reduction[] = ['none', 'sleep-sets'];

export function parseReduction(value: string): Reduction {
  const reduction = REDUCTIONS.find((r) => r === value.trim());
  if (reduction === undefined) {
    throw new UsageError(`--reduction takes ${REDUCTIONS.join(' or ')}; got ${quoted(value)}`);
  }
  return reduction;
}

export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (m === null || n < 1 || n > 1024 || k < 1 || k > n) {
    throw new UsageError(`--shard must be k/n with 1 <= k <= n <= 1024, e.g. 2/4; got ${quoted(value)}`);
  }
  return { index: k - 1, count: n };
}

/** The judged properties: a list of the model's, or none. */
function judgedOf(value: string | undefined, allowed: readonly string[]): readonly string[] {
  if (value === undefined) return allowed;
  if (value.trim() === 'none') return [];
  return parseNameList('--properties', value, allowed, 'none or a comma-separated list of');
}

function specOf(preset: Preset | null, resolved: Resolved, properties: string | undefined): ModelSpec {
  const config = resolved.config;
  if (preset?.model !== 'canonical') {
    return { kind: 'kafka', config, judged: judgedOf(properties, propertyNames) as PropertyName[] };
  }
  if (config.acks === '0')
    throw new UsageError('canonical-replication models acks=1 and acks=all only; got acks=0');
  if (isTransactional(config))
    throw new UsageError(
      `canonical-replication has no transactions; got transactional.id=${config.transactionalId}`,
    );
  return {
    kind: 'canonical',
    config: { records: config.records, acksAll: config.acks === 'all', idempotent: config.enableIdempotence },
    judged: judgedOf(properties, canonicalInvariants) as CanonicalInvariant[],
  };
}

function progressBar(json: boolean) {
  if (json || process.stderr.isTTY !== true) return null;
  const bar = new cliProgress.SingleBar(
    {
      format: 'explore | {states} states | {rate} states/s | queue {queue} | depth {depth} | {seconds} s',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0, { states: 0, rate: 0, queue: 0, depth: 0, seconds: 0 });
  return bar;
}

export function jsonResult(result: ExploreResult, resultFile: string | null): Record<string, unknown> {
  const c = result.counterexample;
  return {
    verdict: result.verdict,
    ...(result.bound === null ? {} : { bound: result.bound }),
    name: result.name,
    model: result.model,
    protocol: result.protocol,
    states: result.states,
    edges: result.edges,
    depth: result.depth,
    depthBound: result.depthBound,
    depthCut: result.depthCut,
    seconds: result.seconds,
    statesPerSecond: result.statesPerSecond,
    collisionProbability: result.collisionProbability,
    bytesPerState: result.bytesPerState,
    workers: result.workers,
    shard: result.shard === null ? null : `${result.shard.index + 1}/${result.shard.count}`,
    symmetry: result.symmetry,
    reduction: result.reduction,
    slept: result.slept,
    properties: result.properties,
    warnings: result.warnings,
    ...(c === null
      ? {}
      : {
          violation: { property: c.property, message: c.message, kind: c.kind },
          // check's shape; the path (action indices from the initial state) alone regenerates it.
          counterexample: exploreView(c),
        }),
    resultFile,
    statesFile: result.statesFile,
    checkpoint: result.checkpoint,
  };
}

function boundWarning(result: ExploreResult): string | null {
  if (result.bound === 'max-states') {
    return `stopped at --max-states ${result.states} states (depth ${result.depth}); the bounded space is not covered, so "bounded" is no verdict on the properties`;
  }
  if (result.bound === 'memory') {
    return `stopped near the heap limit at ${result.states} states (depth ${result.depth}); lower --depth, or raise --max-old-space-size`;
  }
  if (result.bound === 'interrupted') {
    return `interrupted at ${result.states} states (depth ${result.depth})${result.checkpoint === null ? '' : `; resume with --resume ${result.checkpoint}`}`;
  }
  return null;
}

function humanResult(options: ExploreOptions, result: ExploreResult): void {
  const paint = paintFor(false);
  if (result.protocol !== null) out(`protocol: ${result.protocol}`);
  const verdict =
    result.verdict === 'passed'
      ? paint.green('passed')
      : result.verdict === 'violated'
        ? paint.red('violated')
        : paint.yellow('bounded');
  const depth =
    result.depthBound === null ? `${result.depth}` : `${result.depth} (bound ${result.depthBound})`;
  out(
    renderTable(
      ['verdict', 'states', 'edges', 'depth', 'seconds', 'states/s', 'collision probability'],
      [
        [
          verdict,
          result.states.toLocaleString('en-US'),
          result.edges.toLocaleString('en-US'),
          depth,
          result.seconds.toFixed(2),
          Math.round(result.statesPerSecond).toLocaleString('en-US'),
          result.collisionProbability.toExponential(1),
        ],
      ],
    ),
  );
  const judged =
    result.properties.length === 0 ? 'no properties (counting the graph)' : result.properties.join(', ');
  out(
    paint.dim(
      `judged: ${judged}; workers ${result.workers}${result.shard === null ? '' : `; shard ${result.shard.index + 1}/${result.shard.count}`}${result.symmetry ? '; symmetry reduction' : ''}${result.reduction === 'sleep-sets' ? `; sleep sets (${result.slept.toLocaleString('en-US')} steps not taken)` : ''}`,
    ),
  );
  if (result.verdict === 'passed' && result.depthCut) {
    out(
      paint.dim(
        `every state within ${result.depthBound} steps of the start was judged; deeper ones were not explored`,
      ),
    );
  }
  const c = result.counterexample;
  if (c === null) return;
  out('');
  if (c.trace !== null) {
    const commands = c.traceFile === null ? [] : [`npx deliverycheck replay ${c.traceFile}`];
    commands.push(`npx deliverycheck explore ${scenarioFlags(options).join(' ')}`.trim());
    out(renderStory(tell(c.trace), commands, paint));
  } else {
    out(paint.bold(`${c.property} violated after ${c.length} steps: ${c.message}`));
    out(c.steps.map((s, i) => `  ${i + 1}. ${s}`));
    if (c.traceFile !== null) out(paint.dim(`replay: npx deliverycheck replay ${c.traceFile}`));
  }
}

export function registerExplore(program: Command): void {
  addScenarioOptions(
    program
      .command('explore')
      .description('search every schedule of a setup, breadth first, up to its fault budgets and a depth'),
  )
    .option(
      '--depth <n>',
      'largest number of steps from the start to explore (default: no bound)',
      integer('--depth', 0, 10_000),
    )
    .option(
      '--workers <n>',
      `worker threads (1 runs on this thread; this machine has ${availableParallelism()} cores)`,
      integer('--workers', 1, 256),
      1,
    )
    .option(
      '--shard <k/n>',
      'explore only the k-th of n deterministic shares of the space (merge combines them)',
      parseShard,
    )
    .option('--symmetry', 'count states that differ only by renaming interchangeable actors once')
    .option(
      '--reduction <name>',
      'sleep-sets: skip steps that only reorder independent ones (same states, verdicts and shortest counterexamples; one thread)',
      parseReduction,
      'none' satisfies Reduction,
    )
    .option('--properties <list>', 'judge only these, or none to count the whole bounded graph')
    .option(
      '--checkpoint <file>',
      'write the search to this file every --checkpoint-every seconds and when stopped',
    )
    .option(
      '--checkpoint-every <seconds>',
      'seconds between checkpoints',
      integer('--checkpoint-every', 1, 86_400),
      DEFAULT_CHECKPOINT_SECONDS,
    )
    .option('--resume <file>', 'continue the search a checkpoint file holds')
    .option(
      '--max-states <n>',
      'stop with verdict "bounded" at this many states',
      integer('--max-states', 1, 2_000_000_000),
      DEFAULT_MAX_STATES,
    )
    .option('--json', 'print one JSON object on stdout and nothing else there')
    .option('--out <dir>', 'where the result, trace and shard state files go', 'reports')
    .action(async (options: ExploreOptions) => {
      const preset = chosenPreset(options);
      const resolved = resolvedScenario(options, preset);
      const json = options.json === true;
      if (options.symmetry === true && resolved.config.pipeline !== null) {
        // The instances' producers and the output partition are not interchangeable with the workload's.
        throw new UsageError(
          '--symmetry renames producers, and a consumer group tells its application producers from the workload: drop --symmetry or group.id',
        );
      }
      checkOutputDirectory('--out', options.out);
      if (options.checkpoint !== undefined) checkOutputFile('--checkpoint', options.checkpoint);
      const spec = specOf(preset, resolved, options.properties);
      const request: ExploreRequest = {
        spec,
        resolved: spec.kind === 'kafka' ? resolved : null,
        name: preset?.name ?? 'custom',
        options: {
          depth: options.depth ?? null,
          maxStates: options.maxStates,
          symmetry: options.symmetry === true,
          shard: options.shard ?? null,
          reduction: options.reduction,
        },
        workers: options.workers,
        checkpoint: options.checkpoint ?? null,
        checkpointSeconds: options.checkpointEvery,
        resume: options.resume ?? null,
        outDir: options.out,
        heapLimit: heapLimit(),
      };
      let interrupted = false;
      const onSigint = () => {
        if (interrupted) process.exit(130);
        interrupted = true;
      };
      process.on('SIGINT', onSigint);
      const bar = progressBar(json);
      let result: ExploreResult;
      try {
        result = await runExplore(request, {
          stop: () => interrupted,
          progress: (p, seconds) =>
            bar?.update(0, {
              ...p,
              seconds: Math.round(seconds),
              rate: Math.round(p.states / Math.max(seconds, 0.001)),
            }),
        });
      } catch (error) {
        if (
          error instanceof CheckpointError ||
          error instanceof ResumeMismatch ||
          error instanceof ReductionConflict
        )
          throw new UsageError(error.message);
        throw error;
      } finally {
        bar?.stop();
        process.off('SIGINT', onSigint);
      }
      const resultFile = resultFileOf(request);
      if (resultFile !== null) writeResultFile(resultFile, result);
      const warning = boundWarning(result);
      if (warning !== null) err(`warning: ${warning}`);
      if (json)
        out(JSON.stringify({ ...jsonResult(result, resultFile), ignored: resolved.ignored }, null, 2));
      else humanResult(options, result);
      process.exitCode = result.bound === 'interrupted' ? 130 : result.verdict === 'violated' ? 1 : 0;
    });
}

/** Heap use at which the search stops as `bounded` instead of running out of memory. */
function heapLimit(): number {
  // v8's limit for this process, less room to write the report and trace.
  return Math.floor(heapStatistics().heap_size_limit * 0.8);
}
