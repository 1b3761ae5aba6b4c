// Sleep sets against the full search: the same states, verdicts and shortest counterexamples, with
// fewer steps taken, on a small model whose independence is known and on every shipped preset.
import { describe, expect, it } from 'vitest';
import { propertyNames } from '../../../properties/index.ts';
import { presets } from '../../config/presets.ts';
import { resolvePreset } from '../../config/resolve.ts';
import { plainRequest, runExplore } from '../../pipelines/explore.ts';
import type { Model } from '../contract.ts';
import { type BfsOptions, inlineExpander, type Reduction, runSearchSync, startSearch } from './bfs.ts';
import { SleepSets, sleepExpander } from './sleep.ts';

/** Two counters that grow on their own, and a reset of the first that depends on its growth. */
type Counters = readonly [x: number, y: number];
type Step = 'x' | 'y' | 'reset';
const TOP = 3;
const steps: readonly Step[] = ['x', 'y', 'reset'];
// Bits: x (1), y (2). Reads in word 0, writes in word 1.
const footprints: Record<Step, Uint32Array> = {
  x: Uint32Array.of(1, 1),
  y: Uint32Array.of(2, 2),
  reset: Uint32Array.of(1, 1),
};

function counters(judge: boolean): Model<Counters, Step> {
  const step = (s: Counters, a: Step): Counters =>
    a === 'x' ? [s[0] + 1, s[1]] : a === 'y' ? [s[0], s[1] + 1] : [0, s[1]];
  return {
    initial: [0, 0],
    enabled: (s) => [
      ...(s[0] < TOP ? (['x'] as const) : []),
      ...(s[1] < TOP ? (['y'] as const) : []),
      ...(s[0] === TOP ? (['reset'] as const) : []),
    ],
    step,
    footprints: {
      count: 3,
      id: (a) => steps.indexOf(a),
      of: (id) => footprints[steps[id]!],
    },
    heal: () => [],
    kinds: ['x', 'y', 'reset'],
    kindOf: (a) => a,
    faultKinds: [],
    isFault: () => false,
    faultWeight: () => 1,
    swarmable: () => false,
    key: (a) => a,
    stateKey: (s) => s.join(','),
    judges: judge
      ? [
          {
            name: 'not-both-full',
            always: (s) =>
              s[0] === TOP && s[1] === TOP
                ? { holds: false, message: 'both full', evidence: s }
                : { holds: true },
          },
        ]
      : [],
    witnesses: [],
  };
}

const options = (reduction: Reduction): BfsOptions => ({
  depth: null,
  maxStates: 1_000,
  symmetry: false,
  shard: null,
  reduction,
});

function search(judge: boolean, reduction: Reduction) {
  const model = counters(judge);
  const o = options(reduction);
  const { search } = startSearch(model, o);
  const sleep = reduction === 'sleep-sets' ? new SleepSets() : null;
  search.sleep = sleep;
  const expander = sleep === null ? inlineExpander(model, o) : sleepExpander(model, o, sleep);
  return { outcome: runSearchSync(model, o, search, expander), slept: sleep?.slept ?? 0 };
}

describe('sleep sets', () => {
  it('reach every state of two independent counters with fewer steps', () => {
    const full = search(false, 'none');
    const reduced = search(false, 'sleep-sets');
    // (x, y) in [0, 3]², reset included.
    expect(full.outcome.states).toBe(16);
    expect(reduced.outcome.states).toBe(16);
    expect(reduced.outcome.edges).toBeLessThan(full.outcome.edges);
    expect(reduced.outcome.edges + reduced.slept).toBe(full.outcome.edges);
  });

  it('find the same shortest violation', () => {
    const full = search(true, 'none');
    const reduced = search(true, 'sleep-sets');
    expect(full.outcome.verdict).toBe('violated');
    expect(reduced.outcome.verdict).toBe('violated');
    expect(reduced.outcome.found!.path).toHaveLength(full.outcome.found!.path.length);
  });
});

describe('sleep sets on the Kafka model', () => {
  const DEPTH = 7;
  it.each(presets.map((p) => p.name))(
    '%s: same states, verdict and counterexample length as the full search',
    async (name) => {
      const resolved = resolvePreset(presets.find((p) => p.name === name)!);
      const spec = { kind: 'kafka' as const, config: resolved.config, judged: propertyNames };
      const run = (reduction: Reduction) => {
        const request = plainRequest(spec, resolved, name, { depth: DEPTH });
        return runExplore({ ...request, options: { ...request.options, reduction } });
      };
      const full = await run('none');
      const reduced = await run('sleep-sets');
      expect(reduced.verdict).toBe(full.verdict);
      expect(reduced.counterexample?.length).toBe(full.counterexample?.length);
      if (full.verdict === 'passed') expect(reduced.states).toBe(full.states);
      expect(reduced.edges).toBeLessThanOrEqual(full.edges);
      expect(reduced.reduction).toBe('sleep-sets');
    },
  );
});
