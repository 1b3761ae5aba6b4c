// The parallel expander when a worker's task fails: the failure itself reaches the search, and
// closing the pool leaves no task's rejection unhandled (vitest fails a run that has one).
import { describe, expect, it } from 'vitest';
import type { BfsOptions, Sink } from './bfs.ts';
import type { Frontier } from './frontier.ts';
import { parallelExpander } from './parallel.ts';
import { VisitedSet } from './visited.ts';

describe('bfs: parallel expander', () => {
  it('bfs: parallel: a failing task is reported as itself, and close() leaves nothing unhandled', async () => {
    // Expected: the worker cannot build a model from a module without createModel, for every task.
    const states = Array.from({ length: 2_000 }, (_, i) => i);
    const frontier: Frontier<number> = {
      length: states.length,
      get: (i) => states[i]!,
      push: () => {},
      data: (from = 0, to = states.length) => ({ kind: 'objects', items: states.slice(from, to) }),
    };
    const factory = { module: new URL('./chunk.ts', import.meta.url).href, config: null };
    const options = { symmetry: false } as BfsOptions;
    const expander = parallelExpander<number>(factory, options, new VisitedSet(2, true), 2);
    const sink = {} as Sink<number>;
    await expect(expander.expand(frontier, 0, states.length, sink)).rejects.toThrow(/exports no createModel/);
    await expander.close();
  });
});
