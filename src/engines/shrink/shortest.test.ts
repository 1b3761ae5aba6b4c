import { describe, expect, it } from 'vitest';
import { acks1OneCrash as acks1 } from '../../../model/testing.ts';
import { kafkaModel } from '../../adapters/kafka.ts';
import { defaultHeal } from '../heal.ts';
import { randomSearch } from '../random/random.ts';
import { expectReplaysItsViolation } from '../testing.ts';
import { shortestSteps } from './shortest.ts';

const options = { heal: defaultHeal, replaysMax: 400, statesMax: 100_000 };

describe('shortest counterexample by breadth-first search', () => {
  it('shortest: replaces a longer counterexample with a shortest one that replays', () => {
    // Expected: acks=1 loses an acknowledged record in 6 steps at the least (explore's shortest);
    // fast-check's own counterexample is longer, and the search proves the 6 steps shortest.
    const model = kafkaModel(acks1, ['no-loss']);
    const [found] = randomSearch(model, { seed: 3, runs: 2_000, counterexamplesMax: 1 }).counterexamples;
    expect(found!.actions.length).toBeGreaterThan(6);
    const best = shortestSteps(model, found!, options);
    expect(best.steps.actions.length).toBe(6);
    expect(best.shortest).toBe(true);
    expect(best.steps.violation.property).toBe('no-loss');
    expectReplaysItsViolation(model, best.steps);
  });

  it('shortest: a shortest counterexample stays itself; out of budget, nothing is claimed', () => {
    // Expected: the 6-step loss has no shorter one (proven); a 10-state budget cannot cover the
    // shorter schedules, so the input comes back unproven.
    const model = kafkaModel(acks1, ['no-loss']);
    const [found] = randomSearch(model, { seed: 3, runs: 2_000, counterexamplesMax: 1 }).counterexamples;
    const six = shortestSteps(model, found!, options).steps;
    const again = shortestSteps(model, six, options);
    expect(again.steps).toBe(six);
    expect(again.shortest).toBe(true);
    const starved = shortestSteps(model, found!, { ...options, statesMax: 10 });
    expect(starved.steps).toBe(found);
    expect(starved.shortest).toBe(false);
  });

  it("shortest: out of budget for every schedule, a search among the counterexample's own actions finds a shorter one", () => {
    // Expected: 150 states do not cover every schedule below 8 steps (400 do), but they cover the
    // orderings of the counterexample's own actions, among which the 6-step loss is; it is not
    // claimed shortest, since not every schedule was searched.
    const model = kafkaModel(acks1, ['no-loss']);
    // The first seed whose counterexample takes 8 steps: two more than the shortest.
    const found = [1, 2, 3, 4, 5, 6, 7, 8]
      .map((seed) => randomSearch(model, { seed, runs: 2_000, counterexamplesMax: 1 }).counterexamples[0])
      .find((c) => c?.actions.length === 8);
    expect(found!.actions.length).toBe(8);
    const narrowed = shortestSteps(model, found!, { ...options, statesMax: 150 });
    expect(narrowed.steps.actions.length).toBe(6);
    expect(narrowed.shortest).toBe(false);
    expectReplaysItsViolation(model, narrowed.steps);
  });
});
