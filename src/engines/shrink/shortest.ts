/**
 * The shortest counterexample outright, when the space up to the found length fits a budget: a
 * breadth-first search from the initial state that judges only the property the counterexample
 * breaks, to one step fewer than its length. The first violation it meets is a shortest one; a
 * search that covers those levels without meeting one proves a safety counterexample shortest.
 * The steps it returns are replayed as any run's are (heal phase included), so the result is a
 * counterexample of the same kind as the one it replaces.
 */
import { actionsOf, inlineExpander, runSearchSync, startSearch } from '../bfs/bfs.ts';
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
  const bounds = {
    depth: found.actions.length - 1,
    maxStates: options.statesMax,
    symmetry: false,
    shard: null,
  };
  if (bounds.depth < 0) return { steps: found, shortest: true };
  // The initial state holds the property: a counterexample of one step or more broke it later.
  const { search } = startSearch(judging, bounds);
  const outcome = runSearchSync(judging, bounds, search, inlineExpander(judging, bounds));
  // A heal phase cut off by its step bound ends a run as no state of the search does, so only a
  // safety violation is shown shortest by the search.
  if (outcome.found === null) {
    return { steps: found, shortest: outcome.verdict === 'passed' && found.violation.kind === 'safety' };
  }
  const replayed = replaySteps(model, actionsOf(model, outcome.found.path), property, options);
  if (replayed === null || replayed.actions.length >= found.actions.length)
    return { steps: found, shortest: false };
  return { steps: replayed, shortest: replayed.violation.kind === 'safety' };
}
