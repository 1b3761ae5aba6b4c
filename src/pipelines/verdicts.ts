/**
 * Test support: check a shipped preset at the default seed, as `check --preset` does, or explore
 * it exhaustively, writing no files. The expected verdicts live in the *.test.ts files that call
 * these. The default test tier checks each preset with VERDICT_RUNS schedules; the nightly
 * workflow runs the same tests at check's default budget.
 */
import { propertyNames } from '../../properties/index.ts';
import type { PropertyName } from '../../properties/property.ts';
import { type Preset, presetByName } from '../config/presets.ts';
import { resolvePreset, type Scenario } from '../config/resolve.ts';
import { type CheckResult, DEFAULT_RUNS, DEFAULT_SEED, DEFAULT_SHORTEST_STATES } from './check.ts';
import { type ExploreResult, plainRequest, runExplore } from './explore.ts';
import { checkPreset } from './matrix.ts';

/**
 * Schedules per check: DELIVERYCHECK_VERDICT_RUNS when set (`npm run verdicts` sets check's default,
 * 10,000), else 1,000, enough for every violation the presets expect at the default seed (a test
 * that needs more says so with `atLeast`).
 */
export const VERDICT_RUNS = verdictRuns(process.env.DELIVERYCHECK_VERDICT_RUNS);

function verdictRuns(text: string | undefined): number {
  if (text === undefined || text === '') return 1_000;
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < 1 || runs > DEFAULT_RUNS * 10)
    throw new Error(
      `DELIVERYCHECK_VERDICT_RUNS must be a whole number from 1 to ${DEFAULT_RUNS * 10}, not ${text}`,
    );
  return runs;
}

/** What this test file has checked already: the same check gives the same result, so it runs once. */
const checked = new Map<string, CheckResult>();

/**
 * How a verdict test checks. `atLeast`: schedules the test needs whatever VERDICT_RUNS is (a
 * violation the seed finds late). `lengths`: counterexamples shortened as `check` shortens them
 * (its default shortest-search budget), for a test that compares or pins their length. Without it
 * the search for a shortest counterexample stops at once: the verdicts, the witnesses and the
 * counterexamples' properties are decided by the random search before any shortening, so they are
 * `check`'s own, and a third of a violating check's time is saved.
 */
export interface VerdictCheck {
  readonly atLeast?: number;
  readonly lengths?: boolean;
}

export function checkNamedPreset(
  name: string,
  extra: { kafka?: Record<string, string>; scenario?: Scenario } = {},
  how: VerdictCheck = {},
): CheckResult {
  const preset = presetByName(name);
  if (preset === undefined) throw new Error(`no preset ${name}`);
  const runs = Math.max(VERDICT_RUNS, how.atLeast ?? 0);
  const shrinkStates = how.lengths === true ? DEFAULT_SHORTEST_STATES : 1;
  const key = JSON.stringify([name, extra, runs, shrinkStates]);
  const known = checked.get(key);
  if (known !== undefined) return known;
  const result = checkPreset(withExtra(preset, extra), {
    runs,
    seed: DEFAULT_SEED,
    outDir: null,
    shrinkStates,
  });
  checked.set(key, result);
  return result;
}

/**
 * A violating preset explored exhaustively (its one property, when given), beside the length of
 * check's shortest shrunk counterexample of the property explore found broken (of any, when check
 * broke that one nowhere).
 */
export async function exploredBesideChecked(
  name: string,
  only?: PropertyName,
): Promise<{ explored: ExploreResult; shrunk: number }> {
  const explored = await exploreNamedPreset(name, only ? { properties: [only] } : {});
  const random = checkNamedPreset(name, {}, { lengths: true }).counterexamples;
  const property = explored.counterexample?.property;
  const same = random.filter((r) => r.property === property);
  const shrunk = Math.min(...(same.length > 0 ? same : random).map((r) => r.length));
  return { explored, shrunk };
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
