/**
 * The `explore` pipeline: build the model, run the breadth-first search (on worker threads when
 * asked, from a checkpoint when resuming, on one shard when sharded), turn its first violation
 * into a replayable trace file, and write the result file `merge` reads. Returns data; printing,
 * signals and exit codes belong to the CLI.
 */
import { join } from 'node:path';
import type { Action } from '../../model/index.ts';
import { factoryOf, type ModelSpec, modelOf } from '../adapters/spec.ts';
import { describeProtocol } from '../config/protocol.ts';
import type { Resolved } from '../config/resolve.ts';
import {
  actionsOf,
  type BfsOptions,
  type BfsOutcome,
  type Expander,
  type Found,
  inlineExpander,
  type Progress,
  type Reduction,
  runSearch,
  type SearchState,
  type Shard,
  startSearch,
} from '../engines/bfs/bfs.ts';
import { checkpointOf, readCheckpoint, restoreSearch, writeCheckpoint } from '../engines/bfs/checkpoint.ts';
import { collisionProbability } from '../engines/bfs/fingerprint.ts';
import { parallelExpander } from '../engines/bfs/parallel.ts';
import { sharedExpander } from '../engines/bfs/shared.ts';
import { SleepSets, sleepExpander } from '../engines/bfs/sleep.ts';
import { encodeStates } from '../engines/bfs/states-file.ts';
import type { Model } from '../engines/contract.ts';
import { CANONICAL_MODEL, type CanonicalTrace } from '../trace/canonical.ts';
import { withChecksum } from '../trace/checksum.ts';
import { writeAtomically, writeTrace } from '../trace/file.ts';
import { TRACE_FORMAT, TRACE_VERSION, type Trace } from '../trace/schema.ts';
import { TOOL } from '../version.ts';
import { traceOf } from './check.ts';

/** Version 3: fingerprints are hash.ts's, so states files of version 2 do not merge with these. */
export const EXPLORE_RESULT_VERSION = 4;
export const DEFAULT_MAX_STATES = 50_000_000;
export const DEFAULT_CHECKPOINT_SECONDS = 60;

export interface ExploreRequest {
  readonly spec: ModelSpec;
  /** The Kafka model's resolved settings (for its trace files); null for the canonical model. */
  readonly resolved: Resolved | null;
  readonly name: string;
  readonly options: BfsOptions;
  readonly workers: number;
  readonly checkpoint: string | null;
  readonly checkpointSeconds: number;
  readonly resume: string | null;
  /** Where the result, trace and state files go; null writes none. */
  readonly outDir: string | null;
  readonly heapLimit?: number;
}

/**
 * A request that judges the spec's properties on one thread, writes nothing and keeps no
 * checkpoint: what tests and the bench run.
 */
export function plainRequest(
  spec: ModelSpec,
  resolved: Resolved | null,
  name: string,
  bounds: { readonly depth?: number | null; readonly maxStates?: number; readonly workers?: number } = {},
): ExploreRequest {
  return {
    spec,
    resolved,
    name,
    options: {
      depth: bounds.depth ?? null,
      maxStates: bounds.maxStates ?? DEFAULT_MAX_STATES,
      symmetry: false,
      shard: null,
    },
    workers: bounds.workers ?? 1,
    checkpoint: null,
    checkpointSeconds: DEFAULT_CHECKPOINT_SECONDS,
    resume: null,
    outDir: null,
  };
}

export interface ExploreCounterexample {
  readonly property: string;
  readonly message: string;
  readonly kind: 'safety' | 'end';
  readonly length: number;
  /** Action indices into `enabled`, from the initial state. */
  readonly path: string;
  /** The steps, by the model's action keys. */
  readonly steps: readonly string[];
  readonly traceFile: string | null;
  readonly trace: Trace | null;
}

/** What a search found and how far it went: one run's, or the merged shards'. */
export interface SearchSummary {
  readonly name: string;
  /** Equal for runs of the same search, whatever the shard, workers or resume. */
  readonly identity: string;
  readonly verdict: BfsOutcome['verdict'];
  readonly states: number;
  readonly edges: number;
  readonly depth: number;
  readonly depthBound: number | null;
  /** The depth bound left enabled actions unexplored. */
  readonly depthCut: boolean;
  readonly seconds: number;
  readonly collisionProbability: number;
  readonly counterexample: ExploreCounterexample | null;
}

export interface ExploreResult extends SearchSummary {
  readonly format: 'deliverycheck-explore';
  /**
   * Version 4: the file carries a checksum, and its states file ends with one (version 3: hash.ts's
   * fingerprints; version 2: Kafka states fingerprinted by their byte encoding).
   */
  readonly version: typeof EXPLORE_RESULT_VERSION;
  readonly model: ModelSpec['kind'];
  readonly protocol: string | null;
  readonly bound: BfsOutcome['bound'];
  readonly statesPerSecond: number;
  readonly bytesPerState: number;
  readonly workers: number;
  readonly shard: Shard | null;
  readonly symmetry: boolean;
  /** The reduction besides symmetry (bfs.ts); `slept`: the steps it did not take. */
  readonly reduction: Reduction;
  readonly slept: number;
  readonly properties: readonly string[];
  readonly warnings: readonly string[];
  readonly statesFile: string | null;
  readonly checkpoint: string | null;
}

export interface ExploreHooks {
  readonly stop?: () => boolean;
  readonly progress?: (progress: Progress, seconds: number) => void;
}

function identityOf(spec: ModelSpec, options: BfsOptions): string {
  const reduction = options.reduction ?? 'none';
  return JSON.stringify({
    spec,
    depth: options.depth,
    symmetry: options.symmetry,
    ...(reduction === 'none' ? {} : { reduction }),
  });
}

/** A reduction asked for with what it does not work with yet; the message names both. */
export class ReductionConflict extends Error {}

/**
 * Sleep sets keep their sets per level on one thread: they do not go with workers, shards,
 * checkpoints or symmetry yet, and need a model that declares footprints.
 */
function checkReduction(request: ExploreRequest, model: Model<unknown, unknown>): void {
  if ((request.options.reduction ?? 'none') === 'none') return;
  const flag =
    request.workers > 1
      ? '--workers above 1'
      : request.options.shard !== null
        ? '--shard'
        : request.checkpoint !== null || request.resume !== null
          ? '--checkpoint or --resume'
          : request.options.symmetry
            ? '--symmetry'
            : null;
  if (flag !== null)
    throw new ReductionConflict(
      `--reduction sleep-sets runs on one thread and does not go with ${flag} yet: drop one of them`,
    );
  if (model.footprints === undefined)
    throw new ReductionConflict(
      `--reduction sleep-sets needs footprints, which the ${request.spec.kind} model does not declare: drop --reduction`,
    );
}

function shardSuffix(shard: Shard | null): string {
  return shard === null ? '' : `.shard${shard.index + 1}of${shard.count}`;
}

function counterexampleOf(
  request: ExploreRequest,
  model: Model<unknown, unknown>,
  found: Found,
): ExploreCounterexample {
  const actions = actionsOf(model, found.path);
  const path = found.path.join(':');
  let trace: Trace | null = null;
  let traceFile: string | null = null;
  if (request.spec.kind === 'kafka' && request.resolved !== null) {
    const preset = request.name === 'custom' ? null : request.name;
    trace = traceOf(
      { resolved: request.resolved, preset },
      {
        violation: found.broken,
        explorer: 'exhaustive',
        seed: 0,
        path,
        healFrom: actions.length,
        actions: actions as Action[],
      },
    );
  }
  const fileOf = (property: string) =>
    join(
      request.outDir!,
      `${request.name}${shardSuffix(request.options.shard)}.${property}.explore.trace.json`,
    );
  if (request.outDir !== null && trace !== null) {
    traceFile = fileOf(trace.property);
    writeTrace(traceFile, trace);
  }
  if (request.outDir !== null && request.spec.kind === 'canonical') {
    const canonical: CanonicalTrace = {
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      tool: TOOL,
      model: CANONICAL_MODEL,
      config: request.spec.config,
      explorer: 'exhaustive',
      path,
      property: found.broken.property,
      message: found.broken.message,
      kind: found.broken.kind,
      actions: actions.map((a) => model.key(a)),
    };
    traceFile = fileOf(canonical.property);
    writeAtomically(traceFile, `${JSON.stringify(canonical, null, 2)}\n`);
  }
  return {
    property: found.broken.property,
    message: found.broken.message,
    kind: found.broken.kind,
    length: found.path.length,
    path,
    steps: actions.map((a) => model.key(a)),
    traceFile,
    trace,
  };
}

export async function runExplore(request: ExploreRequest, hooks: ExploreHooks = {}): Promise<ExploreResult> {
  const model = modelOf(request.spec);
  const { options } = request;
  const identity = identityOf(request.spec, options);
  checkReduction(request, model);
  const shared = request.workers > 1;
  let search: SearchState<unknown>;
  let found: Found | null = null;
  let before = 0;
  if (request.resume !== null) {
    const saved = readCheckpoint<unknown>(request.resume);
    if (saved.identity !== identity) {
      throw new ResumeMismatch(
        `${request.resume} holds a different search; resume with the same model, settings, --depth, --properties and --symmetry it was started with`,
      );
    }
    search = restoreSearch(model, saved, request.workers);
    before = saved.seconds;
  } else {
    ({ search, found } = startSearch(model, options, request.workers));
  }
  const sleep = options.reduction === 'sleep-sets' ? new SleepSets() : null;
  search.sleep = sleep;
  const started = performance.now();
  const seconds = () => before + (performance.now() - started) / 1000;
  let lastCheckpoint = performance.now();
  const saveCheckpoint = () => {
    if (request.checkpoint !== null)
      writeCheckpoint(request.checkpoint, checkpointOf(model, search, identity, seconds()));
  };
  // Packed levels are expanded in shared memory; others travel to the workers in messages.
  const parallel = search.kind === 'packed' ? sharedExpander : parallelExpander;
  const expander: Expander<unknown> & { close?: () => Promise<void> } = shared
    ? parallel(factoryOf(request.spec), options, search.visited, request.workers)
    : sleep !== null
      ? sleepExpander(model, options, sleep)
      : inlineExpander(model, options);
  let outcome: BfsOutcome;
  try {
    outcome =
      found !== null
        ? {
            verdict: 'violated',
            bound: null,
            found,
            states: 1,
            edges: 0,
            depth: 0,
            depthCut: false,
            visitedBytes: search.visited.bytes,
          }
        : await runSearch(model, options, search, expander, {
            ...(hooks.stop === undefined ? {} : { stop: hooks.stop }),
            ...(request.heapLimit === undefined ? {} : { heapLimit: request.heapLimit }),
            tick: (progress) => {
              hooks.progress?.(progress, seconds());
              if (
                request.checkpoint !== null &&
                performance.now() - lastCheckpoint >= request.checkpointSeconds * 1000
              ) {
                saveCheckpoint();
                lastCheckpoint = performance.now();
              }
            },
          });
  } finally {
    await expander.close?.();
  }
  if (outcome.found === null) saveCheckpoint();
  const elapsed = seconds();
  const counterexample = outcome.found === null ? null : counterexampleOf(request, model, outcome.found);
  const base = `${request.name}${shardSuffix(options.shard)}`;
  let statesFile: string | null = null;
  if (request.outDir !== null && options.shard !== null) {
    statesFile = join(request.outDir, `${base}.states.bin`);
    writeAtomically(statesFile, withChecksum(encodeStates(search.visited, search.levelStarts)));
  }
  search.visited.close();
  return {
    format: 'deliverycheck-explore',
    version: EXPLORE_RESULT_VERSION,
    name: request.name,
    model: request.spec.kind,
    protocol: request.spec.kind === 'kafka' ? describeProtocol(request.spec.config.variants) : null,
    identity,
    verdict: outcome.verdict,
    bound: outcome.bound,
    states: outcome.states,
    edges: outcome.edges,
    depth: outcome.depth,
    depthBound: options.depth,
    depthCut: outcome.depthCut,
    seconds: elapsed,
    statesPerSecond: elapsed > 0 ? outcome.states / elapsed : 0,
    collisionProbability: collisionProbability(outcome.states),
    bytesPerState: outcome.visitedBytes / outcome.states,
    workers: request.workers,
    shard: options.shard,
    symmetry: options.symmetry,
    reduction: options.reduction ?? 'none',
    slept: search.sleep?.slept ?? 0,
    properties: model.judges.map((j) => j.name),
    warnings: request.resolved?.warnings ?? [],
    counterexample,
    statesFile,
    checkpoint: request.checkpoint,
  };
}

export class ResumeMismatch extends Error {}

/** The result file's path for a request. */
export function resultFileOf(request: Pick<ExploreRequest, 'outDir' | 'name' | 'options'>): string | null {
  return request.outDir === null
    ? null
    : join(request.outDir, `${request.name}${shardSuffix(request.options.shard)}.explore.json`);
}
