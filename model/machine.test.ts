import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { FaultBudget } from './config.ts';
import { enabled, healEnabled, step } from './machine.ts';
import { initialState, type State } from './state.ts';

import { configWith } from './testing.ts';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Structural facts every reachable state keeps, whatever the schedule. */
function wellFormed(state: State): void {
  for (const p of state.partitions) {
    expect(p.isr.length).toBeGreaterThan(0);
    if (p.leader !== null) expect(p.isr).toContain(p.leader);
    for (const r of p.replicas) {
      const end = r.log.reduce((offset, b) => {
        expect(b.baseOffset).toBe(offset);
        return offset + b.records.length;
      }, 0);
      expect(r.logEndOffset).toBe(end);
      expect(r.highWatermark).toBeLessThanOrEqual(r.logEndOffset);
      expect(r.flushedOffset).toBeLessThanOrEqual(r.logEndOffset);
    }
  }
}

const faults = fc.record<FaultBudget>({
  crash: fc.nat(2),
  powerLoss: fc.nat(1),
  network: fc.nat(3),
  deliveryTimeout: fc.nat(2),
  isr: fc.nat(1),
  producerRestart: fc.nat(1),
  abort: fc.constant(0),
  producerStall: fc.constant(0),
  coordinatorMove: fc.constant(0),
  consumerCrash: fc.constant(0),
  consumerPause: fc.constant(0),
  rebalance: fc.constant(0),
  groupCoordinatorMove: fc.constant(0),
});

const scenario = fc.record({
  acks: fc.constantFrom('0' as const, '1' as const, 'all' as const),
  enableIdempotence: fc.boolean(),
  partitions: fc.integer({ min: 1, max: 2 }),
  producers: fc.integer({ min: 1, max: 2 }),
  onFailure: fc.constantFrom('give-up' as const, 'resend' as const),
  faults,
});

describe('step', () => {
  test.prop([scenario, fc.array(fc.nat(), { maxLength: 60 })], { numRuns: 200 })(
    'step: random walks: every enabled action steps, leaves its input untouched, and keeps states well formed',
    (overrides, choices) => {
      // Expected: step is total over enabled actions and pure; every state is plain, serialisable data.
      const config = configWith({
        ...overrides,
        enableIdempotence: overrides.acks === 'all' && overrides.enableIdempotence,
      });
      let state = deepFreeze(initialState(config));
      for (const choice of choices) {
        const actions = enabled(config, state);
        if (actions.length === 0) break;
        const next = step(config, state, actions[choice % actions.length]!);
        wellFormed(next);
        state = deepFreeze(next);
      }
      for (let i = 0; i < 400; i++) {
        const actions = healEnabled(config, state, i > 200);
        if (actions.length === 0) break;
        state = deepFreeze(step(config, state, actions[0]!));
      }
      expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    },
  );
});
