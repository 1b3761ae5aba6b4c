/**
 * The exhaustive explorer: breadth-first search over `enabled` and `step` from the initial state,
 * bounded by the model's fault budgets and a depth, with states deduplicated by 64-bit
 * fingerprints. Safety properties are judged on every new state and every step; the end-to-end
 * ones on every state where nothing but faults can happen. The first violation found is a
 * shortest counterexample. Levels are expanded in discovery order, so the counts, the ids and the
 * counterexample are the same with any number of workers, across shards' prefixes and across a
 * checkpoint and resume.
 */

import type { Model } from '../contract.ts';
import { type Broken, brokenOnNewState, brokenOnStep } from '../judge.ts';
import { Fingerprint } from './fingerprint.ts';
import { type Encoded, type Frontier, type FrontierKind, frontierFor, frontierKind } from './frontier.ts';
import { VisitedSet } from './visited.ts';

export interface Shard {
  /** 0-based. */
  readonly index: number;
  readonly count: number;
}

export type Verdict = 'passed' | 'violated' | 'bounded';
/** What ended a `bounded` search before the bounded space was covered. */
export type Bound = 'max-states' | 'memory' | 'interrupted';
/** A reduction besides symmetry: none, or sleep sets (sleep.ts). */
export type Reduction = 'none' | 'sleep-sets';

export interface BfsOptions {
  /** Largest BFS distance expanded to; null for none. */
  readonly depth: number | null;
  readonly maxStates: number;
  readonly symmetry: boolean;
  readonly shard: Shard | null;
  /** Absent: none. */
  readonly reduction?: Reduction;
}

/** Where a search is: everything a checkpoint holds besides the model. */
export interface SearchState<S> {
  readonly visited: VisitedSet;
  /** First id of each BFS level. */
  readonly levelStarts: number[];
  /** How levels are kept (see frontier.ts). */
  readonly kind: FrontierKind;
  frontier: Frontier<S>;
  /** The id of `frontier[0]`; states' ids follow on, unless `ids` lists them. */
  frontierBase: number;
  /** The ids of the frontier's states when they do not follow on (a shard's roots). */
  ids: Int32Array | null;
  /** Next frontier index to expand. */
  position: number;
  /** Frontier index where expanding this level stops (a shard expands only its block of roots). */
  end: number;
  next: Frontier<S>;
  edges: number;
  /** Whether the shard's roots have been chosen. */
  sharded: boolean;
  /** Whether the depth bound cut off any enabled action. */
  depthCut: boolean;
  /** The sleep sets of the levels, when the search uses them (sleep.ts). */
  sleep: LevelSleep | null;
}

/** What the search loop tells a reduction that keeps a set per state of a level (sleep.ts). */
export interface LevelSleep {
  /** The successor just offered was new: it is the next level's last state. */
  fresh(hi: number, lo: number): void;
  /** The successor just offered was reached before. */
  again(hi: number, lo: number): void;
  /** The next level becomes the one expanded. */
  nextLevel(): void;
  /** Steps not taken. */
  readonly slept: number;
}

export interface Found {
  readonly broken: Broken;
  /** Action indices (into `enabled`) from the initial state. */
  readonly path: readonly number[];
}

export interface Progress {
  readonly states: number;
  readonly edges: number;
  readonly depth: number;
  readonly queue: number;
}

export interface BfsOutcome {
  readonly verdict: Verdict;
  readonly bound: Bound | null;
  readonly found: Found | null;
  readonly states: number;
  readonly edges: number;
  readonly depth: number;
  /** True when the depth bound left enabled actions unexplored. */
  readonly depthCut: boolean;
  readonly visitedBytes: number;
}

/** Receives expanded states' successors, in frontier order; returns false to stop. */
export interface Sink<S> {
  expanded(index: number, outDegree: number): void;
  edgeBroken(index: number, action: number, broken: Broken): void;
  /** `judged` is the successor's judgement when the expander made it, undefined when not. */
  successor(
    index: number,
    action: number,
    state: S | null,
    hi: number,
    lo: number,
    judged: Broken | null | undefined,
    encoded?: Encoded,
    /** The expander has already added the fingerprint to the table (shared.ts). */
    added?: boolean,
  ): boolean;
}

/** Expands `frontier[from..to)`, telling the sink each state by its frontier index. */
export interface Expander<S> {
  /** States per `expand` call; between calls the search may stop, report and checkpoint. */
  readonly chunk?: number;
  expand(frontier: Frontier<S>, from: number, to: number, sink: Sink<S>): void | Promise<void>;
}

export interface Hooks {
  /** Asked between chunks; true stops the search (SIGINT). */
  readonly stop?: () => boolean;
  /** Called between chunks, about every `everyMs`. */
  readonly tick?: (progress: Progress) => void;
  readonly everyMs?: number;
  /** Heap bytes above which the search ends as `bounded` (memory) rather than crash. */
  readonly heapLimit?: number;
}

/** How many root states each shard gets at least before the search splits. */
const ROOTS_PER_SHARD = 256;
const CHUNK = 256;
/** The most a level is predicted to grow by over the one before (see `reserve` below). */
const MAX_LEVEL_GROWTH = 4;

export function encoderFor<S, A>(model: Model<S, A>, symmetry: boolean): (state: S) => Uint8Array | string {
  if (symmetry) {
    if (model.encodeSymmetric === undefined) throw new Error('this model declares no symmetry');
    return model.encodeSymmetric;
  }
  return model.encode ?? model.stateKey;
}

/** `workers`: threads that will share the search (more than one puts it in shared memory). */
export function startSearch<S, A>(
  model: Model<S, A>,
  options: BfsOptions,
  workers = 1,
): { search: SearchState<S>; found: Found | null } {
  const shared = workers > 1;
  const visited = new VisitedSet(workers, shared);
  const fp = new Fingerprint().of(encoderFor(model, options.symmetry)(model.initial));
  visited.add(fp.hi, fp.lo, -1, 0);
  const broken = brokenOnNewState(model, model.initial, hasEndJudges(model));
  const kind = frontierKind(model, shared);
  const frontier = frontierFor(model, kind, undefined, shared);
  frontier.push(model.initial);
  const search: SearchState<S> = {
    visited,
    levelStarts: [0],
    kind,
    frontier,
    frontierBase: 0,
    ids: null,
    position: 0,
    end: 1,
    next: frontierFor(model, kind, undefined, shared),
    edges: 0,
    sharded: false,
    depthCut: false,
    // A reduction sets its own (explore.ts).
    sleep: null,
  };
  return { search, found: broken === null ? null : { broken, path: [] } };
}

function hasEndJudges<S, A>(model: Model<S, A>): boolean {
  return model.judges.some((j) => j.atEnd !== undefined);
}

/** The sequential expander: enabled, step, judge and fingerprint on this thread. */
export function inlineExpander<S, A>(model: Model<S, A>, options: BfsOptions): Expander<S> {
  const encode = encoderFor(model, options.symmetry);
  const fp = new Fingerprint();
  const stepJudged = model.judges.some((j) => j.everyStep !== undefined);
  const { stepInto } = model;
  const first = encode(model.initial);
  const scratch = stepInto === undefined || typeof first === 'string' ? null : new Uint8Array(first.length);
  return {
    expand(frontier, from, to, sink) {
      for (let i = from; i < to; i++) {
        const state = frontier.get(i);
        const actions = model.enabled(state);
        sink.expanded(i, actions.length);
        for (let a = 0; a < actions.length; a++) {
          const action = actions[a]!;
          // The successor lives in `scratch` until the next step; the sink copies what it keeps.
          const after = scratch === null ? model.step(state, action) : stepInto!(state, action, scratch);
          if (stepJudged) {
            const broken = brokenOnStep(model, state, action, after);
            if (broken !== null) return sink.edgeBroken(i, a, broken);
          }
          const encoded = encode(after);
          fp.of(encoded);
          // A symmetric encoding stands for the class, not this state: it is not kept.
          const own = options.symmetry ? undefined : encoded;
          if (!sink.successor(i, a, after, fp.hi, fp.lo, undefined, own)) return;
        }
      }
    },
  };
}

/** Rebuilds a path's actions (indices into `enabled`) from the initial state. */
export function actionsOf<S, A>(model: Model<S, A>, path: readonly number[]): A[] {
  let state = model.initial;
  const actions: A[] = [];
  for (const index of path) {
    const action = model.enabled(state)[index]!;
    actions.push(action);
    state = model.step(state, action);
  }
  return actions;
}

function level<S>(search: SearchState<S>): number {
  return search.levelStarts.length - 1;
}

function progressOf<S>(search: SearchState<S>): Progress {
  return {
    states: search.visited.size,
    edges: search.edges,
    depth: search.next.length > 0 ? level(search) + 1 : level(search),
    queue: search.end - search.position + search.next.length,
  };
}

/**
 * Splits a level among the shards: shard k of n keeps the level's states k, k+n, k+2n, ... in
 * discovery order as its roots. Every shard still holds the whole level in its visited set, so it
 * never expands another shard's root.
 */
function keepShardRoots<S, A>(model: Model<S, A>, search: SearchState<S>, shard: Shard): void {
  const level = search.frontier;
  const roots = frontierFor(model, search.kind);
  const ids: number[] = [];
  for (let i = shard.index; i < level.length; i += shard.count) {
    roots.push(level.get(i));
    ids.push(search.frontierBase + i);
  }
  search.frontier = roots;
  search.ids = Int32Array.from(ids);
  search.end = roots.length;
  search.sharded = true;
}

/** What the search loop waits for: an expander's promise, or a turn of the event loop between chunks. */
const TURN = Symbol('turn');
type Wait = Promise<void> | typeof TURN;

/** Runs the search, on worker threads when the expander uses them. */
export async function runSearch<S, A>(
  model: Model<S, A>,
  options: BfsOptions,
  search: SearchState<S>,
  expander: Expander<S>,
  hooks: Hooks = {},
): Promise<BfsOutcome> {
  const loop = searchLoop(model, options, search, expander, hooks);
  for (let next = loop.next(); ; next = loop.next()) {
    if (next.done) return next.value;
    await (next.value === TURN ? new Promise((resolve) => setImmediate(resolve)) : next.value);
  }
}

/** Runs the search to its end on this thread, for an expander that expands synchronously. */
export function runSearchSync<S, A>(
  model: Model<S, A>,
  options: BfsOptions,
  search: SearchState<S>,
  expander: Expander<S>,
  hooks: Hooks = {},
): BfsOutcome {
  const loop = searchLoop(model, options, search, expander, hooks);
  for (let next = loop.next(); ; next = loop.next()) {
    if (next.done) return next.value;
    if (next.value !== TURN)
      throw new Error('runSearchSync was given an expander that expands asynchronously');
  }
}

/** The breadth-first loop, level by level; yields whenever it waits. */
function* searchLoop<S, A>(
  model: Model<S, A>,
  options: BfsOptions,
  search: SearchState<S>,
  expander: Expander<S>,
  hooks: Hooks,
): Generator<Wait, BfsOutcome, void> {
  const visited = search.visited;
  const judging = model.judges.length > 0;
  const endJudged = hasEndJudges(model);
  let found: Found | null = null;
  let bound: Bound | null = null;
  const idOf = (index: number) => (search.ids === null ? search.frontierBase + index : search.ids[index]!);
  const sink: Sink<S> = {
    expanded(index, outDegree) {
      visited.expanded(idOf(index), outDegree);
      search.edges += outDegree;
    },
    edgeBroken(index, action, broken) {
      found = { broken, path: [...visited.pathTo(idOf(index)), action] };
    },
    successor(index, action, state, hi, lo, judged, encoded, added) {
      const fresh = added
        ? visited.adopt(hi, lo, idOf(index), action)
        : visited.add(hi, lo, idOf(index), action);
      if (fresh < 0) {
        search.sleep?.again(hi, lo);
        return true;
      }
      search.next.push(state, encoded);
      search.sleep?.fresh(hi, lo);
      if (judging) {
        const broken = judged === undefined ? brokenOnNewState(model, state!, endJudged) : judged;
        if (broken !== null) {
          found = { broken, path: visited.pathTo(fresh) };
          return false;
        }
      }
      if (visited.size >= options.maxStates) {
        bound = 'max-states';
        return false;
      }
      return true;
    },
  };
  const everyMs = hooks.everyMs ?? 200;
  let lastTick = performance.now();
  for (;;) {
    if (search.position >= search.end) {
      if (search.next.length === 0) break;
      // The next level's ids are the last ones given out.
      search.frontierBase = search.visited.size - search.next.length;
      search.levelStarts.push(search.frontierBase);
      search.ids = null;
      const previous = search.frontier.length;
      search.frontier = search.next;
      search.next = frontierFor(model, search.kind, undefined, visited.shared);
      search.position = 0;
      search.end = search.frontier.length;
      search.sleep?.nextLevel();
      // Size the next level for as many new states as the last level's growth predicts, so it is
      // not copied as it grows. (Sizing the table so too was slower: a table larger than it needs
      // to be yet misses the cache more often.)
      const predicted = Math.min(
        search.end * Math.min(search.end / Math.max(previous, 1), MAX_LEVEL_GROWTH),
        options.maxStates - visited.size,
      );
      search.next.reserve?.(Math.ceil(predicted), search.frontier);
      const shard = options.shard;
      if (shard !== null && !search.sharded && search.frontier.length >= ROOTS_PER_SHARD * shard.count) {
        keepShardRoots(model, search, shard);
      }
      continue;
    }
    if (options.depth !== null && level(search) >= options.depth) {
      // One state with an action left is enough to say the bound cut the search.
      for (let i = search.position; i < search.end && !search.depthCut; i++) {
        if (model.enabled(search.frontier.get(i)).length > 0) search.depthCut = true;
      }
      search.position = search.end;
      continue;
    }
    // A budget of one state is used up by the initial state: stop before expanding it.
    if (visited.size >= options.maxStates) {
      bound = 'max-states';
      break;
    }
    const to = Math.min(search.end, search.position + (expander.chunk ?? CHUNK));
    const expanding = expander.expand(search.frontier, search.position, to, sink);
    if (expanding !== undefined) yield expanding;
    if (found !== null || bound !== null) break;
    search.position = to;
    const now = performance.now();
    if (now - lastTick >= everyMs) {
      lastTick = now;
      if (hooks.heapLimit !== undefined && process.memoryUsage().heapUsed > hooks.heapLimit) {
        bound = 'memory';
        break;
      }
      hooks.tick?.(progressOf(search));
      yield TURN;
      if (hooks.stop?.()) {
        bound = 'interrupted';
        break;
      }
    }
  }
  const p = progressOf(search);
  return {
    verdict: found !== null ? 'violated' : bound !== null ? 'bounded' : 'passed',
    bound,
    found,
    states: p.states,
    edges: search.edges,
    depth: p.depth,
    depthCut: search.depthCut,
    visitedBytes: visited.bytes,
  };
}
