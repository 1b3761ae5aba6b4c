/**
 * Test support: check a shipped preset at the default budget and seed, as `check --preset` does,
 * or explore it exhaustively, writing no files. The expected verdicts live in the *.test.ts files
 * that call these.
 */
import { propertyNames } from '../../properties/index.ts';
import type { PropertyName } from '../../properties/property.ts';
import { type Preset, presetByName } from '../config/presets.ts';
import { resolvePreset, type Scenario } from '../config/resolve.ts';
import { type CheckResult, DEFAULT_RUNS, DEFAULT_SEED } from './check.ts';
import { type ExploreResult, plainRequest, runExplore } from './explore.ts';
import { checkPreset } from './matrix.ts';

export function checkNamedPreset(
  name: string,
  extra: { kafka?: Record<string, string>; scenario?: Scenario } = {},
): CheckResult {
  const preset = presetByName(name);
  if (preset === undefined) throw new Error(`no preset ${name}`);
  return checkPreset(withExtra(preset, extra), { runs: DEFAULT_RUNS, seed: DEFAULT_SEED, outDir: null });
}

/** A preset with some Kafka settings and scenario fields changed, as a test asks. */
function withExtra(preset: Preset, extra: { kafka?: Record<string, string>; scenario?: Scenario }): Preset {
  return {
    ...preset,
    kafka: { ...preset.kafka, ...extra.kafka },
    scenario: {
      ...preset.scenario,
      ...extra.scenario,
      variants: { ...preset.scenario.variants, ...extra.scenario?.variants },
    },
  };
}

/** Test support: explore a shipped preset exhaustively, as `explore --preset` does, writing no files. */
export async function exploreNamedPreset(
  name: string,
  options: { depth?: number; properties?: readonly PropertyName[] } = {},
  extra: { kafka?: Record<string, string>; scenario?: Scenario } = {},
): Promise<ExploreResult> {
  const preset = presetByName(name);
  if (preset === undefined) throw new Error(`no preset ${name}`);
  const resolved = resolvePreset(withExtra(preset, extra));
  const spec = {
    kind: 'kafka',
    config: resolved.config,
    judged: options.properties ?? propertyNames,
  } as const;
  return runExplore(
    plainRequest(spec, resolved, name, { depth: options.depth ?? null, maxStates: 5_000_000 }),
  );
}
