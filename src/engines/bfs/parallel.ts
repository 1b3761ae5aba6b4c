/**
 * The parallel expander: worker threads (tinypool) expand a level's states chunk by chunk while
 * the main thread adds their successors to the visited set in frontier order, so the search
 * explores, counts and reports exactly what the sequential one does. The workers build the model
 * from `factory`, the same model the main thread explores.
 */
import { Tinypool } from 'tinypool';
import type { ModelFactory } from '../contract.ts';
import { workerFile } from '../module-url.ts';
import type { BfsOptions, Expander } from './bfs.ts';
import { type ChunkResult, replayChunk } from './chunk.ts';
import type { VisitedSet } from './visited.ts';
import type { WorkerTask } from './worker.ts';

/** States per worker task. */
const TASK_STATES = 512;

export interface ParallelExpander<S> extends Expander<S> {
  close(): Promise<void>;
}

/** A pool of `workers` threads, each running the module `name` beside this file. */
export function workerPool(name: string, workers: number): Tinypool {
  return new Tinypool({
    filename: workerFile(name, import.meta.url),
    minThreads: workers,
    maxThreads: workers,
    isolateWorkers: false,
  });
}

export function parallelExpander<S>(
  factory: ModelFactory,
  options: BfsOptions,
  visited: VisitedSet,
  workers: number,
): ParallelExpander<S> {
  const pool = workerPool('worker', workers);
  return {
    chunk: TASK_STATES * workers * 16,
    async expand(frontier, from, to, sink) {
      const pending: { start: number; result: Promise<ChunkResult<S>> }[] = [];
      for (let start = from; start < to; start += TASK_STATES) {
        const task: WorkerTask = {
          factory,
          options: { symmetry: options.symmetry },
          states: frontier.data(start, Math.min(to, start + TASK_STATES)),
          visited: visited.lookupTables,
        };
        pending.push({ start, result: pool.run(task) });
      }
      // The loop below reports the first task that fails; the others must not go unhandled when
      // close() then terminates the workers they ran on.
      for (const { result } of pending) result.catch(() => undefined);
      let going = true;
      for (const { start, result } of pending) {
        const r = await result;
        if (going) going = replayChunk(r, start, sink);
      }
    },
    close: () => pool.destroy(),
  };
}
