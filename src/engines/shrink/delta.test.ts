import { describe, expect, it } from 'vitest';
import { configWith, noFaults } from '../../../model/testing.ts';
import { kafkaModel } from '../../adapters/kafka.ts';
import { defaultHeal } from '../heal.ts';
import { randomSearch } from '../random/random.ts';
import { replayActions } from '../replay.ts';
import { shortenSteps } from './delta.ts';

const acks1 = configWith({
  acks: '1',
  enableIdempotence: false,
  replicationFactor: 3,
  brokers: 3,
  faults: { ...noFaults, crash: 1 },
});

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
    const replayed = replayActions(model, {
      actions: short.actions,
      healFrom: short.healFrom,
      judgeEnd: short.violation.kind === 'end',
    });
    expect(replayed.kind).toBe('replayed');
    if (replayed.kind === 'replayed') {
      expect(replayed.violations.map((v) => v.property)).toContain(short.violation.property);
    }
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
