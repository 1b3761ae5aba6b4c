// The shared-memory expander against the sequential one, on the canonical model: the same counts,
// the same counterexample path, the same cut at the state bound, and afterwards a table holding
// exactly the states that got ids.
import { describe, expect, it } from 'vitest';
import { canonicalInvariants, canonicalModel } from '../../adapters/canonical.ts';
import { type BfsOptions, inlineExpander, runSearch, startSearch } from './bfs.ts';
import { sharedExpander } from './shared.ts';

type CanonicalConfig = Parameters<typeof canonicalModel>[0];

const base: BfsOptions = { depth: null, maxStates: 10_000_000, symmetry: false, shard: null };
const factoryModule = new URL('../../adapters/canonical.ts', import.meta.url).href;

async function both(config: CanonicalConfig, judged: boolean, options: Partial<BfsOptions> = {}) {
  const invariants = judged ? canonicalInvariants : [];
  const model = canonicalModel(config, invariants);
  const o = { ...base, ...options };
  const one = startSearch(model, o);
  const sequential = await runSearch(model, o, one.search, inlineExpander(model, o));
  const two = startSearch(model, o, 2);
  const factory = { module: factoryModule, config: { config, judged: invariants } };
  const expander = sharedExpander<Uint8Array>(factory, o, two.search.visited, 2);
  const shared = await runSearch(model, o, two.search, expander);
  await expander.close();
  const held = [...one.search.visited.states()].filter(([hi, lo]) => two.search.visited.has(hi, lo));
  return {
    sequential,
    shared,
    held: held.length,
    tableCount: two.search.visited.parts.reduce((n, p) => n + p.count, 0),
  };
}

const summary = (o: Awaited<ReturnType<typeof both>>['shared']) => [
  o.verdict,
  o.bound,
  o.states,
  o.edges,
  o.depth,
  o.found?.broken.property,
  o.found?.path,
];

describe('bfs: shared-memory expander', () => {
  it('counts the whole graph as one thread does (acks=1, N=5: 52,933 states)', async () => {
    const r = await both({ records: 5, acksAll: false, idempotent: false }, false);
    expect(summary(r.shared)).toEqual(summary(r.sequential));
    expect(r.shared.states).toBe(52_933);
  });

  it('finds the same counterexample, step for step, and keeps only the states with ids', async () => {
    const r = await both({ records: 5, acksAll: true, idempotent: false }, true);
    expect(r.shared.verdict).toBe('violated');
    expect(summary(r.shared)).toEqual(summary(r.sequential));
    expect([r.tableCount, r.held]).toEqual([r.shared.states, r.shared.states]);
  });

  it('stops at the state bound where one thread does', async () => {
    const r = await both({ records: 8, acksAll: false, idempotent: false }, false, { maxStates: 40_000 });
    expect(summary(r.shared)).toEqual(summary(r.sequential));
    expect([r.shared.bound, r.tableCount]).toEqual(['max-states', 40_000]);
  });
});
