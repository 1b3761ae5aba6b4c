import { describe, expect, it } from 'vitest';
import { acks1OneCrash } from '../../../model/testing.ts';
import { kafkaModel } from '../../adapters/kafka.ts';
import { prefixesOf, startOf } from './prefix.ts';
import { runSchedule } from './run.ts';

const model = kafkaModel(acks1OneCrash);

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

  it('prefixes: a run that starts at a pool state judges as one that walks the prefix', () => {
    // Expected: the same actions, violations and witness counts whether the run starts where the
    // pool stepped and judged (the pool's own path) or walks a copy of the path from the initial
    // state; and a copy is not taken for a pool entry.
    const prefixes = prefixesOf(model, 300);
    const intents = [
      { kind: 'CrashBroker', pick: 0 },
      ...Array.from({ length: 12 }, (_, i) => ({ kind: 'Step', pick: i % 5 })),
    ];
    let violations = 0;
    for (const index of [0, 1, 57, 150, 299]) {
      const path = prefixes.pathOf(index);
      expect(startOf(model, [...path])).toBeNull();
      expect(startOf(model, path)).not.toBeNull();
      const segments = [{ off: [], intents }];
      const pooled = runSchedule(model, { prefix: path, segments });
      const walked = runSchedule(model, { prefix: [...path], segments });
      expect(pooled.actions).toEqual(walked.actions);
      expect(pooled.violations).toEqual(walked.violations);
      expect([...pooled.witnessed]).toEqual([...walked.witnessed]);
      violations += walked.violations.length;
    }
    // One of these runs duplicates a retried record (acks=1, no idempotence), so a judgement is compared.
    expect(violations).toBeGreaterThan(0);
  });
});
