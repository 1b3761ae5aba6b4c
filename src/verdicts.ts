/**
 * Test support: check a shipped preset at the default budget and seed, as `check --preset` does,
 * writing no files. The expected verdicts live in the *.test.ts files that call this.
 */
import { type CheckResult, DEFAULT_RUNS, DEFAULT_SEED } from './check.ts';
import type { Scenario } from './config/resolve.ts';
import { checkPreset } from './matrix.ts';
import { presetByName } from './presets.ts';

export function checkNamedPreset(
  name: string,
  extra: { kafka?: Record<string, string>; scenario?: Scenario } = {},
): CheckResult {
  const preset = presetByName(name);
  if (preset === undefined) throw new Error(`no preset ${name}`);
  const merged = {
    ...preset,
    kafka: { ...preset.kafka, ...extra.kafka },
    scenario: {
      ...preset.scenario,
      ...extra.scenario,
      variants: { ...preset.scenario.variants, ...extra.scenario?.variants },
    },
  };
  return checkPreset(merged, { runs: DEFAULT_RUNS, seed: DEFAULT_SEED, outDir: null });
}
