/**
 * A worker thread of the exhaustive explorer: expands the chunk of states it is given with the
 * same expander the main thread uses, and sends back the successors it could not find in the
 * visited set.
 */

import { type ModelSpec, modelOf } from '../../adapters/spec.ts';
import type { Model } from '../contract.ts';
import { inlineExpander } from './bfs.ts';
import { type ChunkResult, type ChunkTask, chunkRecorder } from './chunk.ts';
import { frontierFor } from './frontier.ts';

const models = new Map<string, Model<unknown, unknown>>();

export interface WorkerTask extends ChunkTask<unknown> {
  readonly spec: ModelSpec;
}

export default function expandChunk(task: WorkerTask): ChunkResult<unknown> {
  const key = JSON.stringify(task.spec);
  let model = models.get(key);
  if (model === undefined) {
    model = modelOf(task.spec);
    models.set(key, model);
  }
  const states = frontierFor(model, task.states.kind, task.states);
  const recorder = chunkRecorder(model, task);
  const options = { ...task.options, depth: null, maxStates: Number.POSITIVE_INFINITY, shard: null };
  inlineExpander(model, options).expand(states, 0, states.length, recorder.sink);
  return recorder.result();
}
