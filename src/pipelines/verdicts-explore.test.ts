// The exhaustive explorer against the semantics matrix: every violating preset of the foundation
// gives a counterexample no longer than the random explorer's shrunk one, and the holding presets
// pass the whole space within the nightly depth. idempotent-first-batch takes 23 steps and
// 731,000 states even within smaller fault budgets, so only the nightly run explores it.
import { describe, expect, it } from 'vitest';
import { checkNamedPreset, exploreNamedPreset } from './verdicts.ts';

/** Each violating preset, and the property the matrix says it violates when explore should look at that one alone. */
const violating: [string, ('order' | undefined)?][] = [
  ['acks0-lossy'],
  ['acks1-leader-failover'],
  ['acksall-retry-duplicates'],
  ['inflight-reorder', 'order'],
  ['idempotent-app-resend'],
  ['idempotent-producer-restart'],
  ['unclean-election'],
  ['page-cache-power-loss'],
  ['last-isr-power-loss'],
  ['idempotent-zombie-expiry'],
];

describe('verdicts: explore', () => {
  for (const [name, only] of violating) {
    it(`verdicts: explore ${name}${only ? ` --properties ${only}` : ''}: violated, no longer than check's shrunk counterexample`, async () => {
      const explored = await exploreNamedPreset(name, only ? { properties: [only] } : {});
      expect(explored.verdict).toBe('violated');
      const c = explored.counterexample!;
      const random = checkNamedPreset(name).counterexamples;
      const same = random.filter((r) => r.property === c.property);
      const shrunk = Math.min(...(same.length > 0 ? same : random).map((r) => r.length));
      expect(c.length).toBeLessThanOrEqual(shrunk);
      expect(c.length).toBe(explored.depth);
    });
  }

  for (const name of ['durable', 'idempotent-producer']) {
    it(`verdicts: explore ${name} --depth 10: every state within 10 steps holds every property`, async () => {
      const explored = await exploreNamedPreset(name, { depth: 10 });
      expect([explored.verdict, explored.depth, explored.depthCut]).toEqual(['passed', 10, true]);
    });
  }
});
