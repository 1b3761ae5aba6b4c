import { describe, expect, it } from 'vitest';
import { configWith, noFaults } from '../../../model/testing.ts';
import { kafkaModel } from '../../adapters/kafka.ts';
import { prefixesOf } from './prefix.ts';

const model = kafkaModel(
  configWith({ acks: '1', enableIdempotence: false, faults: { ...noFaults, crash: 1 } }),
);

/** The state a prefix path leads to, and its key. */
function walk(path: readonly number[]) {
  let state = model.initial;
  for (const index of path) {
    const action = model.enabled(state)[index];
    expect(action, `index ${index} is enabled`).toBeDefined();
    state = model.step(state, action!);
  }
  return model.stateKey(state);
}

describe('random prefixes', () => {
  it('prefixes: the pool holds distinct states in breadth-first order, each reached by its path', () => {
    // Expected: 200 states, the first the initial one with an empty path, paths no shorter than
    // the one before, and every path walks to a state no other path reaches.
    const prefixes = prefixesOf(model, 200);
    expect(prefixes.size).toBe(200);
    expect(prefixes.pathOf(0)).toEqual([]);
    const keys = new Set<string>();
    let length = 0;
    for (let i = 0; i < prefixes.size; i++) {
      const path = prefixes.pathOf(i);
      expect(path.length).toBeGreaterThanOrEqual(length);
      length = path.length;
      keys.add(walk(path));
    }
    expect(keys.size).toBe(200);
  });

  it('prefixes: a budget of one state leaves only the initial state', () => {
    // Expected: every schedule then starts where the model starts.
    const prefixes = prefixesOf(model, 1);
    expect(prefixes.size).toBe(1);
    expect(prefixes.pathOf(0)).toEqual([]);
  });
});
