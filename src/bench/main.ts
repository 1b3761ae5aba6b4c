/**
 * `npm run bench`: how fast the model steps, and how fast the random explorer finds each shipped
 * preset's first counterexample. Every figure is a median over repeated runs with fixed seeds.
 * Speed is measured here, never in tests.
 */
import { performance } from 'node:perf_hooks';
import seedrandom from 'seedrandom';
import type { ModelConfig, ProtocolVariants } from '../../model/index.ts';
import { propertyNames } from '../../properties/index.ts';
import { resolveConfig } from '../config/resolve.ts';
import { randomSearch } from '../explore/random.ts';
import { kafkaModel } from '../models/kafka.ts';
import { presetByName, presets } from '../presets.ts';
import { renderTable } from '../report/terminal.ts';

const SEEDS = [1, 2, 3, 4, 5];
const RUNS = 10_000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function resolvedPreset(name: string, variants: Partial<ProtocolVariants> = {}) {
  const preset = presetByName(name)!;
  const scenario = { ...preset.scenario, variants: { ...preset.scenario.variants, ...variants } };
  return resolveConfig([{ kind: 'preset', name, entries: preset.kafka }], scenario).config;
}

/** The presets, and the KIP-101 search the foundation issue names: durable on pre-KIP-101 truncation. */
const searches: readonly { readonly label: string; readonly config: ModelConfig }[] = [
  ...presets.map((p) => ({ label: p.name, config: resolvedPreset(p.name) })),
  {
    label: 'durable, truncation=high-watermark',
    config: resolvedPreset('durable', { truncation: 'high-watermark' }),
  },
];

/** Random walks through the durable preset's model with the heal phase; steps per second. */
function stepsPerSecond(): number {
  const model = kafkaModel(resolvedPreset('durable'), propertyNames);
  const rates: number[] = [];
  for (const seed of SEEDS) {
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
    rates.push(steps / ((performance.now() - start) / 1000));
  }
  return median(rates);
}

function line(text: string): void {
  process.stdout.write(`${text}\n`);
}

line(`deliverycheck bench: medians over seeds ${SEEDS.join(', ')}; ${RUNS} runs budget per search`);
line('');
line(
  `model: ${Math.round(stepsPerSecond()).toLocaleString('en-US')} steps/s (random walks of the durable preset, enabled + step)`,
);
line('');

const rows: string[][] = [];
for (const search of searches) {
  const model = kafkaModel(search.config, propertyNames);
  const times: number[] = [];
  const lengths: number[] = [];
  const runs: number[] = [];
  const found = new Map<string, number>();
  for (const seed of SEEDS) {
    const start = performance.now();
    const search = randomSearch(model, { seed, runs: RUNS, counterexamplesMax: 1 });
    const first = search.counterexamples[0];
    if (first === undefined) continue;
    times.push(performance.now() - start);
    lengths.push(first.actions.length);
    runs.push(search.runs);
    found.set(first.violation.property, (found.get(first.violation.property) ?? 0) + 1);
  }
  rows.push([
    search.label,
    `${times.length}/${SEEDS.length}`,
    times.length === 0 ? '-' : `${Math.round(median(times))} ms`,
    times.length === 0 ? '-' : String(median(runs)),
    times.length === 0 ? '-' : String(median(lengths)),
    [...found].map(([p, n]) => `${p}×${n}`).join(' ') || 'none',
  ]);
}
for (const row of renderTable(
  ['preset', 'found', 'median time to first', 'median runs', 'median shrunk length', 'first property'],
  rows,
)) {
  line(row);
}
