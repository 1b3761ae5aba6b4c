/**
 * One chunk of a BFS level expanded off the main thread: the task a worker receives, what it
 * sends back, and how the main thread feeds that back into the search in the same order the
 * sequential expander would have.
 */

import type { Model } from '../contract.ts';
import { type Broken, brokenOnNewState } from '../judge.ts';
import type { BfsOptions, Sink } from './bfs.ts';
import { encodedAt, type Frontier, type FrontierData, frontierFor } from './frontier.ts';
import { lookUp } from './table.ts';
import { VisitedSet } from './visited.ts';

export interface ChunkTask<S> {
  readonly options: Pick<BfsOptions, 'symmetry'>;
  readonly states: FrontierData<S>;
  /** The visited set's table when the chunk was sent: successors found in it are not sent back. */
  readonly visited: readonly Uint32Array[];
}

export interface ChunkResult<S> {
  /** Enabled actions of each state expanded, in order (fewer than sent when a step broke a property). */
  readonly outDegrees: Int32Array;
  /** Per successor sent back: its parent's index in the chunk, action index and fingerprint. */
  readonly parents: Int32Array;
  readonly actions: Uint16Array;
  readonly his: Uint32Array;
  readonly los: Uint32Array;
  /** Index into `broken`, or -1 when the successor holds every judged property. */
  readonly judged: Int32Array;
  readonly broken: readonly Broken[];
  readonly successors: FrontierData<S>;
  readonly edgeBroken: { readonly index: number; readonly action: number; readonly broken: Broken } | null;
}

/** Records what a worker's expansion produces, dropping successors the visited set already has. */
export function chunkRecorder<S, A>(model: Model<S, A>, task: ChunkTask<S>) {
  const endJudged = model.judges.some((j) => j.atEnd !== undefined);
  const outDegrees: number[] = [];
  const parents: number[] = [];
  const actions: number[] = [];
  const his: number[] = [];
  const los: number[] = [];
  const judged: number[] = [];
  const broken: Broken[] = [];
  const successors: Frontier<S> = frontierFor(model, task.states.kind);
  let edgeBroken: ChunkResult<S>['edgeBroken'] = null;
  // A successor met again in this chunk would be a duplicate on the main thread too.
  const seenHere = new VisitedSet();
  const sink: Sink<S> = {
    expanded(id, outDegree) {
      outDegrees[id] = outDegree;
    },
    edgeBroken(id, action, b) {
      edgeBroken = { index: id, action, broken: b };
    },
    successor(id, action, state, hi, lo, _judged, encoded) {
      if (lookUp(task.visited, hi, lo) || seenHere.add(hi, lo, 0, 0) < 0) return true;
      parents.push(id);
      actions.push(action);
      his.push(hi);
      los.push(lo);
      successors.push(state, encoded);
      const b = brokenOnNewState(model, state!, endJudged);
      judged.push(b === null ? -1 : broken.push(b) - 1);
      return true;
    },
  };
  const result = (): ChunkResult<S> => ({
    outDegrees: Int32Array.from(outDegrees),
    parents: Int32Array.from(parents),
    actions: Uint16Array.from(actions),
    his: Uint32Array.from(his),
    los: Uint32Array.from(los),
    judged: Int32Array.from(judged),
    broken,
    successors: successors.data(),
    edgeBroken,
  });
  return { sink, result };
}

/** Feeds a worker's result to the search's sink; false when the search must stop. */
export function replayChunk<S>(result: ChunkResult<S>, start: number, sink: Sink<S>): boolean {
  const data = result.successors;
  let k = 0;
  for (let i = 0; i < result.outDegrees.length; i++) {
    sink.expanded(start + i, result.outDegrees[i]!);
    for (; k < result.parents.length && result.parents[k] === i; k++) {
      const j = result.judged[k]!;
      const ok = sink.successor(
        start + i,
        result.actions[k]!,
        data.kind === 'objects' ? data.items[k]! : null,
        result.his[k]!,
        result.los[k]!,
        j < 0 ? null : result.broken[j]!,
        encodedAt(data, k) ?? undefined,
      );
      if (!ok) return false;
    }
    const e = result.edgeBroken;
    if (e !== null && e.index === i) {
      sink.edgeBroken(start + i, e.action, e.broken);
      return false;
    }
  }
  return true;
}
