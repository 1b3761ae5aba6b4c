/**
 * Shortcuts in a counterexample's path: it passes states s0, s1, ..., and where a short
 * breadth-first search from one of them, over the counterexample's own actions, reaches a later
 * one in fewer steps than the path takes, that stretch is replaced by the search's steps. What
 * follows starts from the very same state, so it replays as before and breaks the property as
 * before; the result is replayed all the same, as delta debugging's are. Each search is bounded
 * by a number of states, so a long counterexample costs a bounded time. It is deterministic.
 */
import { textKeyFor } from '../bfs/bfs.ts';
import type { Model } from '../contract.ts';
import { type DeltaOptions, replaySteps, type Steps } from './delta.ts';

export interface ShortcutOptions extends DeltaOptions {
  /** States each search from a state of the path may visit. */
  readonly shortcutStates: number;
}

/** States each search visits at most by default: a few milliseconds on the Kafka model. */
export const DEFAULT_SHORTCUT_STATES = 600;

/** The counterexample with every shortcut the searches find taken, or `found` when there is none. */
export function shortcutSteps<S, A>(model: Model<S, A>, found: Steps<A>, options: ShortcutOptions): Steps<A> {
  const property = found.violation.property;
  const own = new Set(found.actions.map((a) => model.key(a)));
  const keyOf = textKeyFor(model);
  let best = found;
  let path = statesOf(model, best.actions.slice(0, best.healFrom));
  for (let from = 0; from < best.healFrom; from++) {
    const jump = shortcutFrom(model, keyOf, path, from, own, options.shortcutStates);
    if (jump === null) continue;
    const candidate = [...best.actions.slice(0, from), ...jump.actions, ...best.actions.slice(jump.to)];
    const healFrom = best.healFrom - (jump.to - from - jump.actions.length);
    const replayed = replaySteps(model, candidate, property, options, healFrom);
    if (replayed === null || replayed.actions.length >= best.actions.length) continue;
    best = replayed;
    path = statesOf(model, best.actions.slice(0, best.healFrom));
    // The path changed from here on: look from the same state again.
    from--;
  }
  return best;
}

/** The states a schedule passes through, the initial one first. */
function statesOf<S, A>(model: Model<S, A>, actions: readonly A[]): S[] {
  const states = [model.initial];
  for (const action of actions) states.push(model.step(states[states.length - 1]!, action));
  return states;
}

/**
 * The largest saving from `path[from]`: steps that reach a later state of the path in fewer
 * steps than the path takes, and the index of that state; null when the search finds none.
 */
function shortcutFrom<S, A>(
  model: Model<S, A>,
  keyOf: (state: S) => string,
  path: readonly S[],
  from: number,
  own: ReadonlySet<string>,
  statesMax: number,
): { actions: A[]; to: number } | null {
  const later = new Map<string, number>();
  for (let j = path.length - 1; j > from + 1; j--) later.set(keyOf(path[j]!), j);
  const start = path[from]!;
  const seen = new Map<string, { parent: string | null; action: A | null; depth: number }>();
  seen.set(keyOf(start), { parent: null, action: null, depth: 0 });
  let level: { state: S; key: string }[] = [{ state: start, key: keyOf(start) }];
  let best: { key: string; to: number; saving: number } | null = null;
  for (let depth = 1; level.length > 0 && seen.size < statesMax; depth++) {
    // A jump of `depth` steps saves at most what is left of the path beyond it.
    if (best !== null && path.length - 1 - from - depth <= best.saving) break;
    const next: { state: S; key: string }[] = [];
    for (const { state, key } of level) {
      for (const action of model.enabled(state)) {
        if (!own.has(model.key(action))) continue;
        const after = model.step(state, action);
        const afterKey = keyOf(after);
        if (seen.has(afterKey)) continue;
        seen.set(afterKey, { parent: key, action, depth });
        const to = later.get(afterKey);
        if (to !== undefined && to - from - depth > (best?.saving ?? 0)) {
          best = { key: afterKey, to, saving: to - from - depth };
        }
        next.push({ state: after, key: afterKey });
        if (seen.size >= statesMax) break;
      }
      if (seen.size >= statesMax) break;
    }
    level = next;
  }
  if (best === null) return null;
  const actions: A[] = [];
  for (let at = seen.get(best.key)!; at.action !== null; at = seen.get(at.parent!)!) actions.push(at.action);
  return { actions: actions.reverse(), to: best.to };
}
