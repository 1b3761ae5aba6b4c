import { describe, expect, it } from 'vitest';
import { acks1OneCrash as acks1 } from '../../../model/testing.ts';
import { kafkaModel } from '../../adapters/kafka.ts';
import { defaultHeal } from '../heal.ts';
import { randomSearch } from '../random/random.ts';
import { expectReplaysItsViolation } from '../testing.ts';
import { shortenSteps } from './delta.ts';

describe('delta debugging over steps', () => {
  it('delta: shortens fast-check’s counterexample, which still replays and breaks the same property', () => {
    // Expected: acks=1 loses an acknowledged record in 6 steps (the exhaustive search's shortest);
    // fast-check alone stops longer. The shortened steps replay from their actions.
    const model = kafkaModel(acks1);
    const [found] = randomSearch(model, { seed: 3, runs: 2_000, counterexamplesMax: 1 }).counterexamples;
    expect(found).toBeDefined();
    const short = shortenSteps(model, found!, { heal: defaultHeal, replaysMax: 400 });
    expect(short.violation.property).toBe(found!.violation.property);
    expect(short.actions.length).toBeLessThanOrEqual(found!.actions.length);
    if (found!.violation.property === 'no-loss') expect(short.actions.length).toBe(6);
    expectReplaysItsViolation(model, short);
  });

  it('delta: deterministic, and a budget of no replays leaves the counterexample as it is', () => {
    // Expected: the same input shortens to the same steps; replaysMax 0 returns the input itself.
    const model = kafkaModel(acks1);
    const [found] = randomSearch(model, { seed: 5, runs: 2_000, counterexamplesMax: 1 }).counterexamples;
    const a = shortenSteps(model, found!, { heal: defaultHeal, replaysMax: 400 });
    const b = shortenSteps(model, found!, { heal: defaultHeal, replaysMax: 400 });
    expect(b).toEqual(a);
    expect(shortenSteps(model, found!, { heal: defaultHeal, replaysMax: 0 })).toBe(found);
  });
});
