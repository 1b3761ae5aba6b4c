/**
 * The measurements behind `npm run bench`: how fast the model steps, and how fast the random
 * explorer finds each shipped preset's first counterexample. Every figure is a median over fixed
 * seeds. Speed is measured here, never in tests. Returns data; the CLI prints it.
 */
import { performance } from 'node:perf_hooks';
import seedrandom from 'seedrandom';
import type { ProtocolVariants } from '../../model/index.ts';
import { type PropertyName, propertyNames } from '../../properties/index.ts';
import { kafkaModel } from '../adapters/kafka.ts';
import { presetByName, presets } from '../config/presets.ts';
import { type Resolved, resolvePreset } from '../config/resolve.ts';
import { randomSearch } from '../engines/random/random.ts';
import { shortened } from '../pipelines/check.ts';
import { plainRequest, runExplore } from '../pipelines/explore.ts';

export const BENCH_SEEDS: readonly number[] = [1, 2, 3, 4, 5];
export const BENCH_RUNS = 10_000;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function resolvedPreset(name: string, variants: Partial<ProtocolVariants> = {}): Resolved {
  const preset = presetByName(name)!;
  const scenario = { ...preset.scenario, variants: { ...preset.scenario.variants, ...variants } };
  return resolvePreset({ ...preset, scenario });
}

/** Median steps per second of random walks through the durable preset's model (enabled + step). */
export function stepsPerSecond(): number {
  const model = kafkaModel(resolvedPreset('durable').config, propertyNames);
  const rates = BENCH_SEEDS.map((seed) => {
    const random = seedrandom(`bench-${seed}`);
    let steps = 0;
    const start = performance.now();
    for (let walk = 0; walk < 2000; walk++) {
      let state = model.initial;
      for (let i = 0; i < 60; i++) {
        const actions = model.enabled(state);
        if (actions.length === 0) break;
        state = model.step(state, actions[Math.floor(random() * actions.length)]!);
        steps++;
      }
    }
    return steps / ((performance.now() - start) / 1000);
  });
  return median(rates);
}

export interface FirstCounterexample {
  readonly label: string;
  /** Seeds, of BENCH_SEEDS, whose search found a counterexample within the budget. */
  readonly found: number;
  /** Median time to the first counterexample, fast-check's shrinking included. */
  readonly medianMilliseconds: number | null;
  /** Median time `check` then spends shortening it (delta debugging, breadth-first search). */
  readonly medianShortenMilliseconds: number | null;
  readonly medianRuns: number | null;
  /** Median length of fast-check's shrunk counterexample. */
  readonly medianLength: number | null;
  /** Median length of `check`'s counterexample, after shortening. */
  readonly medianCheckLength: number | null;
  /**
   * Per seed, `check`'s length over explore's shortest for the same property (explore judging
   * that property alone): the median and the worst; null when explore's search ran out of states.
   */
  readonly medianRatio: number | null;
  readonly worstRatio: number | null;
  /** How often each property was the first one broken. */
  readonly firstProperties: Readonly<Record<string, number>>;
}

/** States explore may visit for a preset's shortest counterexample of one property. */
export const SHORTEST_EXPLORE_STATES = 3_000_000;

/** The presets, and the KIP-101 search the foundation issue names: durable on pre-KIP-101 truncation. */
function searches(): { readonly label: string; readonly resolved: Resolved }[] {
  return [
    ...presets
      .filter((p) => p.model !== 'canonical')
      .map((p) => ({ label: p.name, resolved: resolvedPreset(p.name) })),
    {
      label: 'durable, truncation=high-watermark',
      resolved: resolvedPreset('durable', { truncation: 'high-watermark' }),
    },
  ];
}

/** Explore's shortest counterexample of `property` no longer than `depth`, or null when out of states. */
async function exploreShortest(resolved: Resolved, property: string, depth: number): Promise<number | null> {
  const spec = { kind: 'kafka', config: resolved.config, judged: [property as PropertyName] } as const;
  const result = await runExplore(
    plainRequest(spec, resolved, 'bench', { depth, maxStates: SHORTEST_EXPLORE_STATES }),
  );
  return result.counterexample?.length ?? null;
}

export async function firstCounterexamples(): Promise<FirstCounterexample[]> {
  const rows: FirstCounterexample[] = [];
  for (const { label, resolved } of searches()) {
    const model = kafkaModel(resolved.config, propertyNames);
    const times: number[] = [];
    const shortenTimes: number[] = [];
    const lengths: number[] = [];
    const checkLengths: number[] = [];
    const ratios: number[] = [];
    let unknownRatio = false;
    const runs: number[] = [];
    const firstProperties: Record<string, number> = {};
    const shortest = new Map<string, number | null>();
    for (const seed of BENCH_SEEDS) {
      const start = performance.now();
      const search = randomSearch(model, { seed, runs: BENCH_RUNS, counterexamplesMax: 1 });
      const first = search.counterexamples[0];
      if (first === undefined) continue;
      const found = performance.now();
      const short = shortened(model, first);
      shortenTimes.push(performance.now() - found);
      times.push(found - start);
      lengths.push(first.actions.length);
      checkLengths.push(short.actions.length);
      runs.push(search.runs);
      const property = first.violation.property;
      firstProperties[property] = (firstProperties[property] ?? 0) + 1;
      const key = `${property}/${short.actions.length}`;
      if (!shortest.has(key))
        shortest.set(key, await exploreShortest(resolved, property, short.actions.length));
      const best = shortest.get(key)!;
      if (best === null) unknownRatio = true;
      else ratios.push(short.actions.length / best);
    }
    const found = times.length > 0;
    const known = found && !unknownRatio;
    rows.push({
      label,
      found: times.length,
      medianMilliseconds: found ? median(times) : null,
      medianShortenMilliseconds: found ? median(shortenTimes) : null,
      medianRuns: found ? median(runs) : null,
      medianLength: found ? median(lengths) : null,
      medianCheckLength: found ? median(checkLengths) : null,
      medianRatio: known ? median(ratios) : null,
      worstRatio: known ? Math.max(...ratios) : null,
      firstProperties,
    });
  }
  return rows;
}
