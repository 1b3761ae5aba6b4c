/**
 * A worker thread of the exhaustive explorer: builds the model from the factory data it is given,
 * expands the chunk of states with the same expander the main thread uses, and sends back the
 * successors it could not find in the visited set.
 */

import type { ModelFactory } from '../contract.ts';
import { loadModel } from '../factory.ts';
import { inlineExpander } from './bfs.ts';
import { type ChunkResult, type ChunkTask, chunkRecorder } from './chunk.ts';
import { frontierFor } from './frontier.ts';

export interface WorkerTask extends ChunkTask<unknown> {
  readonly factory: ModelFactory;
}

export default async function expandChunk(task: WorkerTask): Promise<ChunkResult<unknown>> {
  const model = await loadModel(task.factory);
  const states = frontierFor(model, task.states.kind, task.states);
  const recorder = chunkRecorder(model, task);
  const options = { ...task.options, depth: null, maxStates: Number.POSITIVE_INFINITY, shard: null };
  inlineExpander(model, options).expand(states, 0, states.length, recorder.sink);
  return recorder.result();
}
