import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { type Action, defaultConfig } from '../../../model/index.ts';
import { acks1OneCrash as acks1, configWith, noFaults } from '../../../model/testing.ts';
import { kafkaModel } from '../../adapters/kafka.ts';
import { replayActions } from '../replay.ts';
import { expectReplaysItsViolation } from '../testing.ts';
import { randomSearch, scheduleAt } from './random.ts';
import { runSchedule } from './run.ts';
import { defaultShape } from './schedule.ts';

describe('random explorer', () => {
  it('random: determinism: the same seed gives the same counterexamples (acks=1, crash=1)', () => {
    // Expected: two searches from seed 7 return identical traces, step for step.
    const model = kafkaModel(acks1);
    const a = randomSearch(model, { seed: 7, runs: 300 });
    const b = randomSearch(model, { seed: 7, runs: 300 });
    expect(a.counterexamples.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('random: wanted: the search stops once the wanted properties are broken, judging the others till then', () => {
    // Expected: acks=1 with a crash breaks no-loss; asking for it alone stops the search sooner
    // than asking for everything, with the same first counterexample.
    const model = kafkaModel(acks1);
    const all = randomSearch(model, { seed: 3, runs: 2_000 });
    const wanted = randomSearch(model, { seed: 3, runs: 2_000, wanted: ['no-loss'] });
    expect(wanted.counterexamples.map((c) => c.violation.property)).toContain('no-loss');
    expect(wanted.runs).toBeLessThan(all.runs);
    expect(wanted.counterexamples[0]).toEqual(all.counterexamples[0]);
  });

  test.prop([fc.integer({ min: 1, max: 1_000_000 })], { numRuns: 4 })(
    'random: seed and path: every counterexample regenerates from its seed and path, and replays from its actions',
    (seed) => {
      // Expected: scheduleAt(seed, path, pool budget) gives back the shrunk schedule, which breaks
      // the same property at the same step; odd seeds search the pools from the first run, so
      // counterexamples drawn from the pools are regenerated too, not only plain ones.
      const model = kafkaModel(acks1);
      const search = randomSearch(model, { seed, runs: 400, ...(seed % 2 === 1 ? { plainRuns: 0 } : {}) });
      for (const c of search.counterexamples) {
        const shape = { ...defaultShape, prefixStates: c.prefixStates };
        const run = runSchedule(model, scheduleAt(model, c.seed, c.path, shape));
        const again = run.violations.find((v) => v.property === c.violation.property);
        expect(again?.step).toBe(c.violation.step);
        expect(run.actions.slice(0, c.actions.length)).toEqual(c.actions);
        expectReplaysItsViolation(model, c);
      }
    },
  );

  it('replay: a step the model does not accept is named, not skipped', () => {
    // Expected: electing a leader while the leader is alive diverges at step 1.
    const model = kafkaModel(acks1);
    const bogus: Action = { type: 'ElectLeader', partition: 0, broker: 1 };
    const outcome = replayActions(model, { actions: [bogus], healFrom: 1, judgeEnd: false });
    expect(outcome.kind).toBe('diverged');
    if (outcome.kind === 'diverged')
      expect(outcome.reason).toMatch(/step 1, ElectLeader\(broker=1,partition=0\)/);
  });

  it('random: swarm and budgets: a clean run still reaches its reachability partners (idempotent, faults on)', () => {
    // Expected: leader changes, retries and deduplicated retries all happen in a search that finds nothing.
    const config = configWith({
      minInsyncReplicas: 2,
      faults: { ...noFaults, network: 3, crash: 1, isr: 1 },
      variants: { ...defaultConfig.variants, firstSequence: 'zero-on-empty-log' },
    });
    const search = randomSearch(kafkaModel(config), { seed: 3, runs: 1500 });
    expect(search.counterexamples).toEqual([]);
    for (const witness of [
      'record-acknowledged',
      'leader-change',
      'retry',
      'deduplicated',
      'follower-truncation',
    ]) {
      expect(search.witnessed.get(witness) ?? 0, witness).toBeGreaterThan(0);
    }
  });

  it('random: plain runs first: a counterexample found within them starts at the initial state', () => {
    // Expected: acks=1 breaks within the first plain schedules, so its counterexamples carry pool
    // budget 1 and an empty prefix; with no plain runs the same search draws from the pools.
    const model = kafkaModel(acks1);
    const plain = randomSearch(model, { seed: 5, runs: 100 });
    expect(plain.counterexamples.length).toBeGreaterThan(0);
    for (const c of plain.counterexamples) {
      expect(c.prefixStates).toBe(1);
      expect(c.schedule.prefix).toEqual([]);
    }
    const pooled = randomSearch(model, { seed: 5, runs: 100, plainRuns: 0 });
    expect(pooled.counterexamples.length).toBeGreaterThan(0);
    expect(pooled.counterexamples.map((c) => c.prefixStates)).toEqual(
      pooled.counterexamples.map(() => defaultShape.prefixStates),
    );
  });
});
