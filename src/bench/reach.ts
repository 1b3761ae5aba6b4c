/**
 * Whether the random search reaches what the exhaustive one finds, for `npm run bench -- --only
 * reach`. Per preset, `explore` finds every property it can break within a depth of 15: it
 * searches judging every property, and each time one breaks it searches again without it, until
 * the bounded space passes or the state budget ends. Then `check`'s random search, at its default
 * budget and judging every property, runs on 20 seeds until it has broken those properties: on
 * each it must break every one of them, and the runs it took are counted. Returns data; the CLI prints it.
 */
import { type PropertyName, propertyNames } from '../../properties/index.ts';
import { kafkaModel } from '../adapters/kafka.ts';
import { presets } from '../config/presets.ts';
import { resolvePreset } from '../config/resolve.ts';
import { randomSearch } from '../engines/random/random.ts';
import { DEFAULT_RUNS } from '../pipelines/check.ts';
import { plainRequest, runExplore } from '../pipelines/explore.ts';
import { median } from './measure.ts';

export const REACH_DEPTH = 15;
export const REACH_SEEDS: readonly number[] = Array.from({ length: 20 }, (_, i) => i + 1);
/** States each exhaustive search of a preset may visit. */
export const REACH_EXPLORE_STATES = 1_000_000;

export interface Reach {
  readonly preset: string;
  /** What explore broke within the depth, with the length of its shortest counterexample. */
  readonly violated: readonly { readonly property: PropertyName; readonly length: number }[];
  /** How the last exhaustive search ended: the rest of the bounded space passed, or ran out. */
  readonly rest: 'passed' | 'bounded';
  /** Per property explore broke, on how many seeds `check` broke it too. */
  readonly found: Readonly<Record<string, number>>;
  /** Runs `check` took to break them all, on the seeds where it did: median and worst. */
  readonly medianRuns: number | null;
  readonly worstRuns: number | null;
}

async function violatedWithin(preset: (typeof presets)[number]) {
  const resolved = resolvePreset(preset);
  const violated: { property: PropertyName; length: number }[] = [];
  let judged = [...propertyNames];
  for (;;) {
    const spec = { kind: 'kafka', config: resolved.config, judged } as const;
    const bounds = { depth: REACH_DEPTH, maxStates: REACH_EXPLORE_STATES };
    const result = await runExplore(plainRequest(spec, resolved, 'bench', bounds));
    const broken = result.counterexample;
    if (result.verdict !== 'violated' || broken === null) {
      return { resolved, violated, rest: result.verdict === 'passed' ? 'passed' : 'bounded' } as const;
    }
    const property = broken.property as PropertyName;
    violated.push({ property, length: broken.length });
    judged = judged.filter((p) => p !== property);
  }
}

export async function reachFigures(): Promise<Reach[]> {
  const rows: Reach[] = [];
  for (const preset of presets.filter((p) => p.model !== 'canonical')) {
    const { resolved, violated, rest } = await violatedWithin(preset);
    const found: Record<string, number> = Object.fromEntries(violated.map((v) => [v.property, 0]));
    const runs: number[] = [];
    if (violated.length > 0) {
      const model = kafkaModel(resolved.config, propertyNames);
      for (const seed of REACH_SEEDS) {
        const wanted = violated.map((v) => v.property);
        const search = randomSearch(model, { seed, runs: DEFAULT_RUNS, wanted });
        const broken = new Set(search.counterexamples.map((c) => c.violation.property));
        for (const v of violated) if (broken.has(v.property)) found[v.property]!++;
        if (violated.every((v) => broken.has(v.property))) runs.push(search.runs);
      }
    }
    rows.push({
      preset: preset.name,
      violated,
      rest,
      found,
      medianRuns: runs.length > 0 ? median(runs) : null,
      worstRuns: runs.length > 0 ? Math.max(...runs) : null,
    });
  }
  return rows;
}
