import { describe, expect, it } from 'vitest';
import { configWith, noFaults } from '../../../model/testing.ts';
import { kafkaModel } from '../../adapters/kafka.ts';
import { Coverage } from './coverage.ts';
import { randomSearch, scheduleAt } from './random.ts';
import { runSchedule } from './run.ts';
import { defaultShape } from './schedule.ts';

const idempotent = configWith({ faults: { ...noFaults, crash: 1, network: 1 } });

describe('coverage of a random search', () => {
  it('coverage: counts distinct states and the longest run, and grows with the budget', () => {
    // Expected: a clean search's figures are the same from the same seed; more runs see more states.
    const model = kafkaModel(idempotent);
    const small = randomSearch(model, { seed: 4, runs: 20 });
    const large = randomSearch(model, { seed: 4, runs: 400 });
    expect(small.counterexamples).toEqual([]);
    expect(randomSearch(model, { seed: 4, runs: 20 }).coverage).toEqual(small.coverage);
    expect(small.coverage.states).toBeGreaterThan(1);
    expect(large.coverage.states).toBeGreaterThan(small.coverage.states);
    expect(large.coverage.longest).toBeGreaterThanOrEqual(small.coverage.longest);
  });

  it('coverage: one run covers at most its steps plus one states, and its longest is its length', () => {
    // Expected: a run of n steps goes through at most n + 1 distinct states.
    const model = kafkaModel(idempotent);
    const seen = new Coverage(model);
    const run = runSchedule(model, scheduleAt(model, 4, '0', defaultShape), undefined, seen.visit);
    seen.ran(run.actions.length);
    const figures = seen.figures();
    expect(figures.longest).toBe(run.actions.length);
    expect(figures.states).toBeGreaterThan(1);
    expect(figures.states).toBeLessThanOrEqual(run.actions.length + 1);
  });
});
