/**
 * The measurements behind `npm run bench`: how fast the model steps, and how fast the random
 * explorer finds each shipped preset's first counterexample. Every figure is a median over fixed
 * seeds. Speed is measured here, never in tests. Returns data; the CLI prints it.
 */
import { performance } from 'node:perf_hooks';
import seedrandom from 'seedrandom';
import type { ModelConfig, ProtocolVariants } from '../../model/index.ts';
import { propertyNames } from '../../properties/index.ts';
import { kafkaModel } from '../adapters/kafka.ts';
import { presetByName, presets } from '../config/presets.ts';
import { resolvePreset } from '../config/resolve.ts';
import { randomSearch } from '../engines/random/random.ts';

export const BENCH_SEEDS: readonly number[] = [1, 2, 3, 4, 5];
export const BENCH_RUNS = 10_000;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function resolvedPreset(name: string, variants: Partial<ProtocolVariants> = {}): ModelConfig {
  const preset = presetByName(name)!;
  const scenario = { ...preset.scenario, variants: { ...preset.scenario.variants, ...variants } };
  return resolvePreset({ ...preset, scenario }).config;
}

/** Median steps per second of random walks through the durable preset's model (enabled + step). */
export function stepsPerSecond(): number {
  const model = kafkaModel(resolvedPreset('durable'), propertyNames);
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
  readonly medianMilliseconds: number | null;
  readonly medianRuns: number | null;
  readonly medianLength: number | null;
  /** How often each property was the first one broken. */
  readonly firstProperties: Readonly<Record<string, number>>;
}

/** The presets, and the KIP-101 search the foundation issue names: durable on pre-KIP-101 truncation. */
function searches(): { readonly label: string; readonly config: ModelConfig }[] {
  return [
    ...presets.map((p) => ({ label: p.name, config: resolvedPreset(p.name) })),
    {
      label: 'durable, truncation=high-watermark',
      config: resolvedPreset('durable', { truncation: 'high-watermark' }),
    },
  ];
}

export function firstCounterexamples(): FirstCounterexample[] {
  return searches().map(({ label, config }) => {
    const model = kafkaModel(config, propertyNames);
    const times: number[] = [];
    const lengths: number[] = [];
    const runs: number[] = [];
    const firstProperties: Record<string, number> = {};
    for (const seed of BENCH_SEEDS) {
      const start = performance.now();
      const search = randomSearch(model, { seed, runs: BENCH_RUNS, counterexamplesMax: 1 });
      const first = search.counterexamples[0];
      if (first === undefined) continue;
      times.push(performance.now() - start);
      lengths.push(first.actions.length);
      runs.push(search.runs);
      firstProperties[first.violation.property] = (firstProperties[first.violation.property] ?? 0) + 1;
    }
    const found = times.length > 0;
    return {
      label,
      found: times.length,
      medianMilliseconds: found ? median(times) : null,
      medianRuns: found ? median(runs) : null,
      medianLength: found ? median(lengths) : null,
      firstProperties,
    };
  });
}
