// The exhaustive explorer against the semantics matrix: the holding presets pass the whole space
// within 10 steps. Each violating preset's counterexample is held to check's shrunk one beside its
// check verdict (verdicts-producer, -durability, -application), where that check has run already.
// idempotent-first-batch takes 23 steps and 731,000 states even within smaller fault budgets, so
// only the nightly run explores it.
import { describe, expect, it } from 'vitest';
import { exploreNamedPreset } from './verdicts.ts';

describe('verdicts: explore', () => {
  for (const name of ['durable', 'idempotent-producer']) {
    it(`verdicts: explore ${name} --depth 10: every state within 10 steps holds every property`, async () => {
      const explored = await exploreNamedPreset(name, { depth: 10 });
      expect([explored.verdict, explored.depth, explored.depthCut]).toEqual(['passed', 10, true]);
    });
  }
});
