/**
 * Prefixes for random schedules: every state a breadth-first search from the initial state
 * reaches within a budget of states, each with the shortest path to it. A schedule may start at
 * one of them, so the early interleavings a fault needs (a request timing out while a produce is
 * in flight, an abort before its answer) are all tried, rather than left to the odds of a random
 * walk: a short exhaustive prefix before a random continuation.
 *
 * There are two pools. One takes every action, so its states hold the early faults (a timeout,
 * an abort) some scenarios need. The other takes protocol steps only: its states have spent no
 * fault budget, so a continuation from one still has every crash to spend once records are
 * replicated, which is what the durability scenarios need.
 *
 * A run that starts at a pool state does not step and judge its prefix again: the pool keeps,
 * for each state it was asked for, the actions that lead there and the judgement of the way
 * there, computed once from its parent's.
 */
import { encoderFor } from '../bfs/bfs.ts';
import type { Model } from '../contract.ts';
import { Tracker } from '../tracker.ts';

export interface Prefixes {
  readonly size: number;
  /** Indices into `enabled`, state by state, from the initial state to state `index`. */
  readonly pathOf: (index: number) => readonly number[];
}

/** Where a run starts: the state, the actions that led there, and their judgement so far. */
export interface Start<S, A> {
  readonly state: S;
  readonly actions: readonly A[];
  readonly tracker: Tracker<S, A>;
}

interface Pooled<S, A> {
  readonly model: Model<S, A>;
  readonly start: () => Start<S, A>;
}

/** The pool entry each path `pathOf` handed out belongs to, so a run can start there directly. */
const pooled = new WeakMap<readonly number[], Pooled<unknown, unknown>>();

/** The start a prefix path stands for, when it came from a pool of this model; else null. */
export function startOf<S, A>(model: Model<S, A>, prefix: readonly number[]): Start<S, A> | null {
  const entry = pooled.get(prefix) as Pooled<S, A> | undefined;
  return entry !== undefined && entry.model === model ? entry.start() : null;
}

/**
 * The first `statesMax` states in breadth-first order (the initial state is index 0), through
 * every action, or through protocol steps only when `faults` is false.
 */
export function prefixesOf<S, A>(model: Model<S, A>, statesMax: number, faults = true): Prefixes {
  const encode = encoderFor(model, false);
  const keyOf = (state: S): string => {
    const encoded = encode(state);
    return typeof encoded === 'string' ? encoded : Buffer.from(encoded).toString('latin1');
  };
  const states: S[] = [model.initial];
  const parent: number[] = [-1];
  const via: number[] = [-1];
  const action: (A | null)[] = [null];
  const seen = new Set<string>([keyOf(model.initial)]);
  for (let i = 0; i < states.length && states.length < statesMax; i++) {
    const enabled = model.enabled(states[i]!);
    for (let j = 0; j < enabled.length && states.length < statesMax; j++) {
      if (!faults && model.isFault(states[i]!, enabled[j]!)) continue;
      const next = model.step(states[i]!, enabled[j]!);
      const key = keyOf(next);
      if (seen.has(key)) continue;
      seen.add(key);
      states.push(next);
      parent.push(i);
      via.push(j);
      action.push(enabled[j]!);
    }
  }
  const paths = new Map<number, readonly number[]>();
  const starts = new Map<number, Start<S, A>>();
  const startAt = (index: number): Start<S, A> => {
    const known = starts.get(index);
    if (known !== undefined) return known;
    let start: Start<S, A>;
    if (index === 0) {
      const tracker = new Tracker(model);
      tracker.state(model.initial, 0);
      start = { state: model.initial, actions: [], tracker };
    } else {
      const from = startAt(parent[index]!);
      const tracker = from.tracker.fork();
      const actions = [...from.actions, action[index]!];
      tracker.transition(from.state, action[index]!, states[index]!, actions.length);
      start = { state: states[index]!, actions, tracker };
    }
    starts.set(index, start);
    return start;
  };
  return {
    size: states.length,
    pathOf(index) {
      const known = paths.get(index);
      if (known !== undefined) return known;
      const path: number[] = [];
      for (let i = index; i > 0; i = parent[i]!) path.push(via[i]!);
      path.reverse();
      Object.freeze(path);
      paths.set(index, path);
      pooled.set(path, { model, start: () => startAt(index) } as Pooled<unknown, unknown>);
      return path;
    },
  };
}
