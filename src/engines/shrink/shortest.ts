/**
 * The shortest counterexample outright, when the space up to the found length fits a budget: a
 * breadth-first search from the initial state that judges only the property the counterexample
 * breaks, to one step fewer than its length. The first violation it meets is a shortest one; a
 * search that covers those levels without meeting one proves a safety counterexample shortest.
 * The steps it returns are replayed as any run's are (heal phase included), so the result is a
 * counterexample of the same kind as the one it replaces. When the space is too large, a second
 * search takes only the counterexample's own actions, in any order and any number of times.
 */
import { actionsOf, type BfsOptions, inlineExpander, runSearchSync, startSearch } from '../bfs/bfs.ts';
import type { Model } from '../contract.ts';
import { type DeltaOptions, replaySteps, type Steps } from './delta.ts';

export interface ShortestOptions extends DeltaOptions {
  /** Distinct states the search may visit before it gives up. */
  readonly statesMax: number;
}

/** States the search visits at most by default: about a second on the Kafka model. */
export const DEFAULT_SHORTEST_STATES = 20_000;

export interface Shortest<A> {
  readonly steps: Steps<A>;
  /** True when no shorter schedule breaks the property (the search covered every shorter one). */
  readonly shortest: boolean;
}

/** A shortest counterexample of `found`'s property, or `found` itself when none shorter fits the budget. */
export function shortestSteps<S, A>(
  model: Model<S, A>,
  found: Steps<A>,
  options: ShortestOptions,
): Shortest<A> {
  const property = found.violation.property;
  const judging: Model<S, A> = { ...model, judges: model.judges.filter((j) => j.name === property) };
  const bounds: BfsOptions = {
    depth: found.actions.length - 1,
    maxStates: options.statesMax,
    symmetry: false,
    shard: null,
  };
  if (found.actions.length === 0) return { steps: found, shortest: true };
  // The initial state holds the property: a counterexample of one step or more broke it later.
  const everything = searchBelow(judging, bounds);
  // A heal phase cut off by its step bound ends a run as no state of the search does, so only a
  // safety violation is shown shortest by the search.
  if (everything.verdict === 'passed') {
    return { steps: found, shortest: found.violation.kind === 'safety' };
  }
  if (everything.steps !== null) return shorterOf(model, found, everything.steps, property, options, true);
  // Out of states: search again among the counterexample's own steps only (the same actions on
  // the same actors), a much smaller space that still holds every reordering and omission of them.
  const own = new Set(found.actions.map((a) => model.key(a)));
  const among: Model<S, A> = {
    ...judging,
    enabled: (s) => judging.enabled(s).filter((a) => own.has(model.key(a))),
  };
  const narrowed = searchBelow(among, bounds);
  if (narrowed.steps === null) return { steps: found, shortest: false };
  return shorterOf(model, found, narrowed.steps, property, options, false);
}

/** A breadth-first search below the found length: its verdict, and the first violation's steps. */
function searchBelow<S, A>(model: Model<S, A>, bounds: BfsOptions): { verdict: string; steps: A[] | null } {
  const { search } = startSearch(model, bounds);
  const outcome = runSearchSync(model, bounds, search, inlineExpander(model, bounds));
  return {
    verdict: outcome.verdict,
    steps: outcome.found === null ? null : actionsOf(model, outcome.found.path),
  };
}

/**
 * The shorter of `found` and `actions` replayed as any run is (heal phase included); `everything`:
 * the search that found `actions` covered every shorter schedule, so a safety one is shortest.
 */
function shorterOf<S, A>(
  model: Model<S, A>,
  found: Steps<A>,
  actions: readonly A[],
  property: string,
  options: ShortestOptions,
  everything: boolean,
): Shortest<A> {
  const replayed = replaySteps(model, actions, property, options);
  if (replayed === null || replayed.actions.length >= found.actions.length)
    return { steps: found, shortest: false };
  return { steps: replayed, shortest: everything && replayed.violation.kind === 'safety' };
}
