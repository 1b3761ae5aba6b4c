/** The initial state a configuration starts from (state.ts). */
import { describe, expect, it } from 'vitest';
import { INT_MAX, RETRIES_UNBOUNDED } from './config.ts';
import { initialRetries, initialState } from './state.ts';
import { configWith, noFaults } from './testing.ts';

describe('initial state', () => {
  it("initialState: transactional.id i's coordinator is counted down from the last broker", () => {
    // Expected: with three brokers, producers 0..3 have coordinators 2, 1, 0, 2.
    const config = configWith({ brokers: 3, producers: 4, transactionalId: 'tx', faults: noFaults });
    expect(initialState(config).transactions.map((t) => t.coordinator)).toEqual([2, 1, 0, 2]);
  });

  it('initialRetries: a retries setting at or above the unbounded threshold never runs out (null)', () => {
    // Expected: null for INT_MAX and for exactly RETRIES_UNBOUNDED; the count itself below it.
    expect(initialRetries(configWith({ retries: INT_MAX }))).toBeNull();
    expect(initialRetries(configWith({ retries: RETRIES_UNBOUNDED }))).toBeNull();
    expect(initialRetries(configWith({ retries: RETRIES_UNBOUNDED - 1 }))).toBe(999);
    expect(initialRetries(configWith({ retries: 0 }))).toBe(0);
  });
});
