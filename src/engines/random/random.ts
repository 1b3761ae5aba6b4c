/**
 * The random explorer: fast-check generates schedules from one seed, runs them, and shrinks the
 * first failing one. When a property breaks, the search goes on, in a new round with a seed
 * derived from the first, for the properties still unbroken, until the run budget is spent.
 * The first rounds' schedules all start at the initial state; only when they have spent
 * `plainRuns` does a round draw starts from the prefix pool, so what a plain walk finds at once
 * costs no pool. Every counterexample carries the round's seed, fast-check's path and the pool
 * budget it was drawn with, which replay it exactly.
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import type { Model } from '../contract.ts';
import type { HealOptions } from '../heal.ts';
import { defaultHeal } from '../heal.ts';
import type { Violation } from '../tracker.ts';
import { Coverage, type CoverageFigures } from './coverage.ts';
import { type Run, runSchedule } from './run.ts';
import { defaultShape, type Schedule, type ScheduleShape, scheduleArbitrary } from './schedule.ts';

export interface RandomOptions {
  readonly seed: number;
  /** Total schedules to generate across rounds (shrinking not counted). */
  readonly runs: number;
  readonly shape?: ScheduleShape;
  readonly heal?: HealOptions;
  /** Stop after this many counterexamples (default: one per property). */
  readonly counterexamplesMax?: number;
  /** Stop once each of these properties is broken; every property is still judged till then. */
  readonly wanted?: readonly string[];
  /** Schedules tried from the initial state before any starts at a pool state (default PLAIN_RUNS). */
  readonly plainRuns?: number;
  /** Asked before each schedule: true ends the search there (Ctrl-C); the result is `interrupted`. */
  readonly stop?: () => boolean;
  /** Told after every PROGRESS_RUNS schedules: schedules run so far, properties broken so far. */
  readonly progress?: (runs: number, broken: readonly string[]) => void;
}

/** Thrown from the property when the search is stopped, to end fast-check's round. */
class SearchStopped extends Error {}

/** Schedules between two progress reports. */
const PROGRESS_RUNS = 25;

/** Most shipped presets that break, break within this many plain schedules (`npm run bench`). */
export const PLAIN_RUNS = 200;

export interface Counterexample<A> {
  readonly violation: Violation;
  /** The fast-check seed and path that regenerate the schedule. */
  readonly seed: number;
  readonly path: string;
  /** Applied steps up to the violation (the whole run, heal included, for end-to-end ones). */
  readonly actions: readonly A[];
  /** Index where the heal phase began, when the counterexample reaches into it. */
  readonly healFrom: number;
  readonly schedule: Schedule;
  /** The prefix pool's budget the schedule was drawn with (1: it starts at the initial state). */
  readonly prefixStates: number;
}

export interface RandomResult<A> {
  readonly runs: number;
  readonly counterexamples: readonly Counterexample<A>[];
  /** Properties judged and never broken. */
  readonly passed: readonly string[];
  readonly witnessed: ReadonlyMap<string, number>;
  /** What the runs went through (the shrinker's runs not counted). */
  readonly coverage: CoverageFigures;
  /** `stop` ended the search before its budget. */
  readonly interrupted: boolean;
}

/** The seed of round `round`: the user's seed first, then seeds derived from it. */
export function roundSeed(seed: number, round: number): number {
  return round === 0 ? seed : seedrandom(`${seed}/${round}`).int32();
}

/** The counterexample a violation of a run makes: the run cut at the broken state. */
export function counterexampleOf<S, A>(
  run: Run<S, A>,
  violation: Violation,
  seed: number,
  path: string,
  schedule: Schedule,
  prefixStates: number,
): Counterexample<A> {
  return {
    violation,
    seed,
    path,
    schedule,
    prefixStates,
    actions: run.actions.slice(0, violation.step),
    healFrom: Math.min(run.healFrom, violation.step),
  };
}

export function randomSearch<S, A>(model: Model<S, A>, options: RandomOptions): RandomResult<A> {
  const heal = options.heal ?? defaultHeal;
  const pooled = options.shape ?? defaultShape;
  const plain: ScheduleShape = { ...pooled, prefixStates: 1 };
  const plainRuns = Math.min(options.plainRuns ?? PLAIN_RUNS, options.runs);
  const plainArbitrary = scheduleArbitrary(model, plain);
  // The pools are built by the first round that draws from them, not before.
  let pooledArbitrary: fc.Arbitrary<Schedule> | null = null;
  const targets = new Set(model.judges.map((j) => j.name));
  const witnessed = new Map<string, number>();
  const coverage = new Coverage(model);
  let shrinking = false;
  const counterexamples: Counterexample<A>[] = [];
  let runs = 0;
  const enough = options.counterexamplesMax ?? Number.POSITIVE_INFINITY;
  const wanted = options.wanted;
  let stopped = false;
  /** Schedules the current round has run (fast-check's skipped ones after a stop not counted). */
  let inRound = 0;
  const searching = () =>
    !stopped &&
    runs < options.runs &&
    targets.size > 0 &&
    counterexamples.length < enough &&
    (wanted === undefined || wanted.some((p) => targets.has(p)));
  for (let round = 0; searching(); round++) {
    const seed = roundSeed(options.seed, round);
    const inPlain = runs < plainRuns;
    const shape = inPlain ? plain : pooled;
    if (!inPlain) pooledArbitrary ??= scheduleArbitrary(model, pooled);
    const details = fc.check(
      fc.property(inPlain ? plainArbitrary : pooledArbitrary!, (schedule) => {
        // A stop ends the round at once: fast-check would otherwise still generate every schedule
        // left in it. What it then shrinks fails at once, and is not a counterexample.
        if (stopped || (!shrinking && options.stop?.() === true)) {
          stopped = true;
          throw new SearchStopped();
        }
        if (!shrinking && ++inRound % PROGRESS_RUNS === 0) {
          options.progress?.(
            runs + inRound,
            counterexamples.map((c) => c.violation.property),
          );
        }
        const run = runSchedule(model, schedule, heal, shrinking ? undefined : coverage.visit);
        if (!shrinking) coverage.ran(run.actions.length);
        for (const [name, n] of run.witnessed) witnessed.set(name, (witnessed.get(name) ?? 0) + n);
        const holds = !run.violations.some((v) => targets.has(v.property));
        // fast-check shrinks after the first failure: those runs are not the search's reach.
        if (!holds) shrinking = true;
        return holds;
      }),
      { seed, numRuns: (inPlain ? plainRuns : options.runs) - runs },
    );
    runs += stopped ? inRound : details.numRuns;
    inRound = 0;
    shrinking = false;
    if (stopped) break;
    if (!details.failed || details.counterexample === null) {
      if (inPlain) continue;
      break;
    }
    const [schedule] = details.counterexample;
    const run = runSchedule(model, schedule, heal);
    const path = details.counterexamplePath ?? '';
    for (const violation of run.violations) {
      if (!targets.has(violation.property)) continue;
      targets.delete(violation.property);
      counterexamples.push(counterexampleOf(run, violation, seed, path, schedule, shape.prefixStates));
    }
  }
  return {
    runs,
    counterexamples,
    passed: [...targets],
    witnessed,
    coverage: coverage.figures(),
    interrupted: stopped,
  };
}

/** The schedule fast-check generates at `path` from `seed`, without judging anything. */
export function scheduleAt<S, A>(
  model: Model<S, A>,
  seed: number,
  path: string,
  shape: ScheduleShape = defaultShape,
): Schedule {
  let found: Schedule | null = null;
  try {
    fc.check(
      fc.property(scheduleArbitrary(model, shape), (schedule) => {
        found = schedule;
        return false;
      }),
      { seed, path, endOnFailure: true },
    );
  } catch (error) {
    // fast-check cannot walk a path its shrinker never took ("Unable to replay").
    throw new PathNotFound(seed, path, error instanceof Error ? error.message : String(error));
  }
  if (found === null) throw new PathNotFound(seed, path, 'fast-check produced no schedule');
  return found;
}

/** A seed and path that lead to no schedule of this setup: a path from another setup or seed. */
export class PathNotFound extends Error {
  constructor(seed: number, path: string, reason: string) {
    super(
      `--seed ${seed} --path ${path.length > 60 ? `${path.slice(0, 60)}…` : path} names no schedule of this setup ` +
        `(${reason.split('\n')[0]?.slice(0, 80)}); a path replays only with the seed and the setup of the run that printed it`,
    );
    this.name = 'PathNotFound';
  }
}
