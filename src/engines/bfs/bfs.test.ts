// The exhaustive explorer held against the anchors' reference table (shared/anchors/README.md):
// SPIN and Rumur agree on these state and edge counts, BFS depths and shortest counterexamples, so
// equal numbers here mean the engine explores exactly the transition system it claims.
import { describe, expect, it } from 'vitest';
import { canonicalInvariants, canonicalModel } from '../../adapters/canonical.ts';
import { type BfsOptions, inlineExpander, runSearch, startSearch } from './bfs.ts';

const base: BfsOptions = { depth: null, maxStates: 10_000_000, symmetry: false, shard: null };

/** `judged`: judge NoLoss and NoDuplicate; otherwise nothing, counting the whole graph. */
async function explore(
  records: number,
  acksAll: boolean,
  idempotent: boolean,
  { judged = false, ...options }: Partial<BfsOptions> & { judged?: boolean } = {},
) {
  const model = canonicalModel({ records, acksAll, idempotent }, judged ? canonicalInvariants : []);
  const o = { ...base, ...options };
  const { search, found } = startSearch(model, o);
  expect(found).toBeNull();
  return runSearch(model, o, search, inlineExpander(model, o));
}

// config, N, states, edges, BFS depth, shortest counterexample (null: none) with its property
const reference = [
  ['acks=1', 3, 8694, 17612, 19, 3, 'no-loss'],
  ['acks=1', 5, 52933, 110330, 27, 3, 'no-loss'],
  ['acks=1', 8, 361757, 764128, 39, 3, 'no-loss'],
  ['acks=all, idem=false', 3, 1611, 2245, 19, 4, 'no-duplicate'],
  ['acks=all, idem=false', 5, 4588, 6017, 27, 4, 'no-duplicate'],
  ['acks=all, idem=false', 8, 13321, 16460, 39, 4, 'no-duplicate'],
  ['acks=all, idem=true', 3, 677, 1183, 16, null, null],
  ['acks=all, idem=true', 5, 1451, 2399, 24, null, null],
  ['acks=all, idem=true', 8, 3032, 4703, 36, null, null],
] as const;

const flags = (config: string) => ({
  acksAll: config !== 'acks=1',
  idempotent: config === 'acks=all, idem=true',
});

describe('bfs on the canonical replication model', () => {
  for (const [config, n, states, edges, depth, length, property] of reference) {
    it(`${config}, N=${n}: ${states} states, ${edges} edges, depth ${depth}, shortest counterexample ${length ?? 'none'}`, async () => {
      const { acksAll, idempotent } = flags(config);
      const all = await explore(n, acksAll, idempotent);
      expect([all.verdict, all.states, all.edges, all.depth]).toEqual(['passed', states, edges, depth]);
      const judged = await explore(n, acksAll, idempotent, { judged: true });
      if (length === null) {
        expect([judged.verdict, judged.states, judged.edges]).toEqual(['passed', states, edges]);
      } else {
        expect(judged.verdict).toBe('violated');
        expect(judged.found?.broken.property).toBe(property);
        expect(judged.found?.path.length).toBe(length);
      }
    });
  }

  it('stops at --max-states with verdict bounded and says how far it got', async () => {
    const r = await explore(5, false, false, { maxStates: 1000 });
    expect([r.verdict, r.bound, r.states]).toEqual(['bounded', 'max-states', 1000]);
    expect(r.depth).toBeGreaterThan(0);
  });

  it('a depth bound judges every state within it and says that it cut the space', async () => {
    const r = await explore(3, true, true, { depth: 5 });
    expect([r.verdict, r.depth, r.depthCut]).toEqual(['passed', 5, true]);
    expect(r.states).toBeLessThan(677);
  });

  it('symmetry reduction (interchangeable brokers) finds the same violations, as short, in fewer states', async () => {
    for (const [acksAll, idempotent] of [
      [false, false],
      [true, false],
      [true, true],
    ] as const) {
      const plain = await explore(5, acksAll, idempotent, { judged: true });
      const reduced = await explore(5, acksAll, idempotent, { judged: true, symmetry: true });
      expect(reduced.verdict).toBe(plain.verdict);
      expect(reduced.found?.broken.property).toBe(plain.found?.broken.property);
      expect(reduced.found?.path.length).toBe(plain.found?.path.length);
      const all = await explore(5, acksAll, idempotent);
      const allReduced = await explore(5, acksAll, idempotent, { symmetry: true });
      expect(allReduced.states).toBeLessThan(all.states);
      expect(allReduced.depth).toBeLessThanOrEqual(all.depth);
    }
  });
});
