// What the Kafka model and its properties do, pinned cheaply enough for a mutation run to ask of
// every mutant: each preset's seeded walks, and each counterexample `check` finds on it replayed
// step by step, every property judged at every state (golden.ts). A change that is meant to change
// behaviour rewrites golden.json with golden-update.ts and says why in its commit.
import { describe, expect, it } from 'vitest';
import golden from './golden.json' with { type: 'json' };
import { type Schedule, scheduleDigest, walkDigest } from './golden.ts';

describe('golden', () => {
  for (const pin of golden) {
    it(`golden: ${pin.name}: seeded walks reach the same states, enable the same actions and judge the same`, () => {
      // Expected: the digest, steps and broken properties recorded in golden.json.
      expect(walkDigest(pin.name)).toEqual(pin.walks);
    });
    for (const [i, c] of pin.counterexamples.entries()) {
      it(`golden: ${pin.name}: counterexample ${i + 1} replays step for step and breaks ${c.property}`, () => {
        // Expected: every step enabled where it is taken, the property broken, the same digest.
        const replayed = scheduleDigest(pin.name, c as unknown as Schedule);
        expect(replayed.broken).toContain(c.property);
        expect(replayed).toEqual({ digest: c.digest, steps: c.steps, broken: c.broken });
      });
    }
  }
});
