import { describe, expect, it } from 'vitest';
import { reproduceTrace } from '../adapters/reproduce.ts';
import { checkNamedPreset, exploreNamedPreset } from './verdicts.ts';

describe('check: counterexamples as short as the shortest', () => {
  it('check: acks1-leader-failover: each counterexample as short as explore’s for its property', async () => {
    // Expected: for every property check breaks, the exhaustive search judging that property alone
    // finds no shorter counterexample, and check says it is the shortest.
    const result = checkNamedPreset('acks1-leader-failover', {}, { lengths: true });
    expect(result.counterexamples.length).toBeGreaterThan(1);
    for (const c of result.counterexamples) {
      const property = c.property as 'no-loss';
      const explored = await exploreNamedPreset('acks1-leader-failover', {
        depth: c.length,
        properties: [property],
      });
      expect(explored.counterexample?.length).toBe(c.length);
      expect(c.shortest).toBe(true);
      expect(reproduceTrace(c.trace).kind).toBe('reproduced');
    }
  });

  it('check: page-cache-power-loss: the heal phase’s repeated retry cycles are dropped', () => {
    // Expected: fast-check's reordering story has the heal phase retry an OutOfOrderSequence batch
    // fifteen times before delivery.timeout.ms (87 steps); shortened, at most one retry cycle is
    // left before the timeout, and the trace still reproduces.
    const order = checkNamedPreset('page-cache-power-loss', {}, { lengths: true }).counterexamples.find(
      (c) => c.property === 'order',
    )!;
    expect(order.length).toBeLessThanOrEqual(30);
    const healing = order.trace.actions.slice(order.trace.healFrom);
    expect(healing.some((a) => a.type === 'ExpireBatch')).toBe(true);
    expect(reproduceTrace(order.trace).kind).toBe('reproduced');
  });
});
