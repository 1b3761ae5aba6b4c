/**
 * The exhaustive explorer's figures for `npm run bench`: on the anchors' canonical model at
 * N = 8, 12 and 16 (acks=1, nothing judged, the whole graph, as SPIN's explore runs count it) and
 * on the durable preset at its nightly depth, states per second on one thread and on two worker
 * threads, bytes the visited set holds per state, and SPIN's states per second on the same
 * configuration measured in the same run when SPIN and the anchor model are there. Durable is
 * measured twice, with the byte state encoding (the default) and with the JSON reference encoding
 * it replaced, and for each the mean size of a visited state's encoding. Medians over repeated
 * runs. Returns data; the CLI prints it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { State } from '../../model/index.ts';
import { propertyNames } from '../../properties/index.ts';
import { kafkaModel } from '../adapters/kafka.ts';
import type { KafkaEncoding } from '../adapters/kafka-encoding.ts';
import type { ModelSpec } from '../adapters/spec.ts';
import { presetByName } from '../config/presets.ts';
import { type Resolved, resolvePreset } from '../config/resolve.ts';
import { inlineExpander, type Reduction, runSearch, type Sink, startSearch } from '../engines/bfs/bfs.ts';
import { depthFor, nightlyPlan } from '../nightly/plan.ts';
import { binPath as bin } from '../package-root.ts';
import { type ExploreResult, plainRequest, runExplore } from '../pipelines/explore.ts';
import { median } from './measure.ts';
import { measureSpin, type SpinMeasurement } from './spin.ts';

export const CANONICAL_BENCH_RECORDS: readonly number[] = [8, 12, 16];
/** The depth the nightly search (CI scale) explores transactional-producer to. */
export const TRANSACTIONAL_NIGHTLY_DEPTH = depthFor(
  nightlyPlan.find((e) => e.name === 'transactional-producer')!,
  'ci',
)!;
/** The depth the nightly search (CI scale) explores durable to. */
export const DURABLE_NIGHTLY_DEPTH = depthFor(nightlyPlan.find((e) => e.name === 'durable')!, 'ci')!;
export const EXPLORE_REPETITIONS = 3;

export interface ExploreFigures {
  readonly label: string;
  readonly states: number;
  readonly edges: number;
  readonly depth: number;
  /** Median states per second by worker count (1: this thread only). */
  readonly statesPerSecond: Readonly<Record<1 | 2, number>>;
  readonly bytesPerState: number;
  readonly spin: SpinMeasurement | null;
}

async function explore(spec: ModelSpec, resolved: Resolved | null, depth: number | null, workers: number) {
  return runExplore(plainRequest(spec, resolved, 'bench', { depth, maxStates: 100_000_000, workers }));
}

async function figures(
  label: string,
  spec: ModelSpec,
  resolved: Resolved | null,
  depth: number | null,
): Promise<Omit<ExploreFigures, 'spin'>> {
  const rates: Record<1 | 2, number[]> = { 1: [], 2: [] };
  let last: ExploreResult | null = null;
  for (const workers of [1, 2] as const) {
    for (let i = 0; i < EXPLORE_REPETITIONS; i++) {
      last = await explore(spec, resolved, depth, workers);
      rates[workers].push(last.statesPerSecond);
    }
  }
  return {
    label,
    states: last!.states,
    edges: last!.edges,
    depth: last!.depth,
    statesPerSecond: { 1: median(rates[1]), 2: median(rates[2]) },
    bytesPerState: last!.bytesPerState,
  };
}

export async function canonicalFigures(records: number): Promise<ExploreFigures> {
  const config = { records, acksAll: false, idempotent: false };
  const measured = await figures(
    `canonical-replication acks=1, N=${records}`,
    { kind: 'canonical', config, judged: [] },
    null,
    null,
  );
  return { ...measured, spin: measureSpin({ ...config, check: false }, EXPLORE_REPETITIONS) };
}

export interface EncodingFigures extends ExploreFigures {
  readonly encoding: KafkaEncoding;
  /** Mean bytes of a visited state's encoding (UTF-8 for JSON), what is hashed and queued. */
  readonly encodedBytesPerState: number;
}

/**
 * The mean size of the encoding of the states a search to `depth` visits, from one search that
 * judges nothing (the states are the same whatever is judged).
 */
async function encodedBytesPerState(resolved: Resolved, encoding: KafkaEncoding, depth: number) {
  const model = kafkaModel(resolved.config, [], { encoding });
  const options = { depth, maxStates: 100_000_000, symmetry: false, shard: null };
  const { search } = startSearch(model, options);
  const initial = model.encode!(model.initial);
  let bytes = typeof initial === 'string' ? Buffer.byteLength(initial) : initial.length;
  const inline = inlineExpander(model, options);
  await runSearch(model, options, search, {
    expand(frontier, from, to, sink) {
      const counting: Sink<State> = {
        ...sink,
        successor(index, action, state, hi, lo, judged, encoded) {
          const before = search.visited.size;
          const going = sink.successor(index, action, state, hi, lo, judged, encoded);
          if (search.visited.size > before && encoded !== undefined) {
            bytes += typeof encoded === 'string' ? Buffer.byteLength(encoded) : encoded.length;
          }
          return going;
        },
      };
      return inline.expand(frontier, from, to, counting);
    },
  });
  return bytes / search.visited.size;
}

/** Durable at its nightly depth, every property judged, with the given state encoding. */
export async function durableFigures(encoding: KafkaEncoding = 'bytes'): Promise<EncodingFigures> {
  const resolved = resolvePreset(presetByName('durable')!);
  const spec: ModelSpec = { kind: 'kafka', config: resolved.config, judged: propertyNames, encoding };
  const measured = await figures(
    `durable, depth ${DURABLE_NIGHTLY_DEPTH}, every property judged, ${encoding} encoding`,
    spec,
    resolved,
    DURABLE_NIGHTLY_DEPTH,
  );
  const encoded = await encodedBytesPerState(resolved, encoding, DURABLE_NIGHTLY_DEPTH);
  return { ...measured, spin: null, encoding, encodedBytesPerState: encoded };
}

/** transactional-producer at its nightly depth, every property judged, byte encoding. */
export async function transactionalFigures(): Promise<ExploreFigures> {
  const resolved = resolvePreset(presetByName('transactional-producer')!);
  const spec: ModelSpec = { kind: 'kafka', config: resolved.config, judged: propertyNames };
  const measured = await figures(
    `transactional-producer, depth ${TRANSACTIONAL_NIGHTLY_DEPTH}, every property judged`,
    spec,
    resolved,
    TRANSACTIONAL_NIGHTLY_DEPTH,
  );
  return { ...measured, spin: null };
}

/** The depth the issue asks durable to be explored to in under a minute on one thread. */
export const DURABLE_DEEP_DEPTH = 17;

export interface DeepFigures {
  readonly reduction: Reduction;
  readonly verdict: string;
  readonly states: number;
  readonly edges: number;
  /** Steps the reduction did not take. */
  readonly slept: number;
  /** The command's wall time, start-up included, as a user waits for it. */
  readonly seconds: number;
}

/**
 * `explore --preset durable --depth 17`, every property judged, one thread, as its own process
 * (so nothing the bench did before weighs on its heap), once per reduction.
 */
export function durableDeepFigures(reduction: Reduction): DeepFigures {
  const out = mkdtempSync(join(tmpdir(), 'deliverycheck-deep-'));
  try {
    const started = performance.now();
    const ran = spawnSync(
      process.execPath,
      [
        bin,
        'explore',
        '--preset',
        'durable',
        '--depth',
        String(DURABLE_DEEP_DEPTH),
        '--reduction',
        reduction,
        '--json',
        '--out',
        out,
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const seconds = (performance.now() - started) / 1000;
    if (ran.status !== 0 && ran.status !== 1)
      throw new Error(`explore --depth ${DURABLE_DEEP_DEPTH} failed: ${ran.stderr}`);
    const r = JSON.parse(ran.stdout) as { verdict: string; states: number; edges: number; slept: number };
    return { reduction, verdict: r.verdict, states: r.states, edges: r.edges, slept: r.slept, seconds };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
