// The nightly plan against the presets and the oracle: every Kafka preset is searched, each judged property carries the verdict the verdict tests expect, and the local
// scale only shortens the searches expected to pass.
import { describe, expect, it } from 'vitest';
import { presets } from '../config/presets.ts';
import { depthFor, expectationOf, exploreArgs, matrixOf, nightlyPlan, selectEntries } from './plan.ts';

/**
 * What src/pipelines/verdicts-*.test.ts (and shared/anchors/README.md for the canonical model) claim, property
 * by property, transcribed here so that the plan cannot drift from them unnoticed.
 */
const verdictTests: Record<string, Record<string, 'violated' | 'passed'>> = {
  'acks0-lossy': { 'no-loss': 'violated', 'no-duplicate': 'passed' },
  'acks1-leader-failover': { 'no-loss': 'violated' },
  'acksall-retry-duplicates': { 'no-loss': 'passed', 'no-duplicate': 'violated' },
  'inflight-reorder': { order: 'violated' },
  'idempotent-producer': { 'no-loss': 'passed', 'no-duplicate': 'passed', order: 'passed' },
  'idempotent-app-resend': { 'no-duplicate': 'violated' },
  'idempotent-first-batch': { order: 'violated', 'no-duplicate': 'violated' },
  'idempotent-producer-restart': { 'no-duplicate': 'violated' },
  'unclean-election': { 'no-loss': 'violated' },
  'page-cache-power-loss': { 'no-loss': 'violated' },
  durable: {
    'no-loss': 'passed',
    'no-duplicate': 'passed',
    order: 'passed',
    'replica-consistency': 'passed',
    progress: 'passed',
  },
  'last-isr-power-loss': { 'no-loss': 'violated' },
  'idempotent-zombie-expiry': { 'no-duplicate': 'violated' },
  'transactional-producer': {
    'no-loss': 'passed',
    'no-duplicate': 'passed',
    progress: 'passed',
    'read-committed': 'passed',
    'atomic-transaction': 'passed',
  },
  'read-uncommitted-sees-aborted': { 'read-committed': 'violated' },
  'atomic-multi-partition': { 'atomic-transaction': 'passed', 'read-committed': 'passed' },
  'transaction-timeout': { progress: 'passed', fencing: 'passed' },
  'hanging-transaction': { progress: 'violated' },
  'late-produce-next-transaction': { 'atomic-transaction': 'violated' },
  'commit-before-process': { 'no-loss': 'violated', 'no-duplicate': 'passed' },
  'commit-after-process': { 'no-duplicate': 'violated', 'no-loss': 'passed' },
  'auto-commit': { 'no-duplicate': 'violated', 'no-loss': 'passed' },
  'zombie-consumer': { 'no-duplicate': 'violated' },
  'external-db-atomic-offsets': { 'no-loss': 'passed', 'no-duplicate': 'passed', progress: 'passed' },
  'exactly-once': { 'no-loss': 'passed', 'no-duplicate': 'passed', progress: 'passed' },
  'exactly-once-crash': { 'no-loss': 'passed', 'no-duplicate': 'passed', progress: 'passed' },
  'exactly-once-rebalance-moves': { 'no-loss': 'passed', 'no-duplicate': 'passed', progress: 'passed' },
  'unfenced-zombie': { 'no-duplicate': 'violated' },
  'zombie-before-kip447': { 'no-duplicate': 'violated' },
  'pending-offsets-before-kip447': { 'no-duplicate': 'violated' },
  'external-side-effect': { 'no-duplicate': 'violated' },
  'read-past-truncation-before-kip320': { 'no-duplicate': 'violated' },
  'read-past-truncation-validated': { 'no-duplicate': 'passed' },
  'canonical-replication-acks1': { 'no-loss': 'violated' },
  'canonical-replication-acksall': { 'no-duplicate': 'violated' },
  'canonical-replication-acksall-idempotent': { 'no-loss': 'passed', 'no-duplicate': 'passed' },
};

describe('nightly: plan', () => {
  it('nightly: plan: covers every Kafka preset; entries of one preset differ by their flags', () => {
    // Expected: the Kafka entries are the presets; a preset's repeated entries each choose another
    // protocol or fault family with flags, so no two search the same space.
    const kafka = nightlyPlan.filter((e) => e.preset !== 'canonical-replication');
    const wanted = presets.map((p) => p.name);
    expect([...new Set(kafka.map((e) => e.preset))].sort()).toEqual([...wanted].sort());
    const repeats = kafka.filter((e, i) => kafka.findIndex((f) => f.preset === e.preset) !== i);
    expect(repeats.map((e) => e.name)).toEqual([
      'exactly-once-crash',
      'exactly-once-rebalance-moves',
      'read-past-truncation-validated',
    ]);
    const spaces = kafka.map((e) => `${e.preset} ${e.flags.join(' ')}`);
    expect(new Set(spaces).size).toBe(spaces.length);
    expect(new Set(nightlyPlan.map((e) => e.name)).size).toBe(nightlyPlan.length);
  });

  it('nightly: plan: the oracle of every entry is what the verdict tests claim', () => {
    // Expected: the same judged properties with the same verdicts, entry for entry.
    expect(Object.fromEntries(nightlyPlan.map((e) => [e.name, e.oracle]))).toEqual(verdictTests);
  });

  it('nightly: plan: durable, idempotent-producer, the holding transaction presets, exactly-once, external-db-atomic-offsets and the validated read-past-truncation are expected to pass, the rest to be violated', () => {
    // Expected: only the holding presets and the idempotent canonical configuration pass.
    const passing = nightlyPlan.filter((e) => expectationOf(e).verdict === 'passed').map((e) => e.name);
    expect(passing.sort()).toEqual([
      'atomic-multi-partition',
      'canonical-replication-acksall-idempotent',
      'durable',
      'exactly-once',
      'exactly-once-crash',
      'exactly-once-rebalance-moves',
      'external-db-atomic-offsets',
      'idempotent-producer',
      'read-past-truncation-validated',
      'transaction-timeout',
      'transactional-producer',
    ]);
    expect(expectationOf(nightlyPlan.find((e) => e.name === 'acksall-retry-duplicates')!)).toEqual({
      verdict: 'violated',
      firstViolated: ['no-duplicate'],
    });
  });

  it('nightly: plan: the local scale is 2 steps shallower for holding presets only', () => {
    // Expected: a violating preset keeps its depth, so it still reaches its shortest counterexample.
    for (const entry of nightlyPlan) {
      const violated = expectationOf(entry).verdict === 'violated';
      expect(depthFor(entry, 'ci')).toBe(entry.depth);
      const local = entry.depth === null || violated ? entry.depth : entry.depth - 2;
      expect(depthFor(entry, 'local')).toBe(local);
    }
    expect(nightlyPlan.filter((e) => e.depth === null).map((e) => e.preset)).toEqual([
      'canonical-replication',
      'canonical-replication',
      'canonical-replication',
    ]);
  });

  it('nightly: plan: explore arguments judge exactly the oracle properties and hold no spaces', () => {
    // Expected: CI splits the arguments on spaces, so none may contain one.
    const durable = nightlyPlan.find((e) => e.name === 'durable')!;
    expect(exploreArgs(durable, 'local')).toEqual([
      '--preset',
      'durable',
      '--depth',
      '11',
      '--properties',
      'no-loss,no-duplicate,order,replica-consistency,progress',
    ]);
    for (const entry of nightlyPlan) {
      for (const arg of exploreArgs(entry, 'ci')) expect(arg).toMatch(/^[A-Za-z0-9_.,=/-]+$/);
    }
  });

  it('nightly: plan: the matrix has one job per shard with unique artifacts', () => {
    // Expected: every entry × 3 shards, each shard of an entry writing to the entry's directory.
    const { include } = matrixOf(nightlyPlan, 'ci', 3, 'reports/nightly/');
    expect(include).toHaveLength(nightlyPlan.length * 3);
    expect(new Set(include.map((j) => j.artifact)).size).toBe(include.length);
    expect(include[0]).toEqual({
      name: 'acks0-lossy',
      preset: 'acks0-lossy',
      shard: '1/3',
      artifact: 'nightly-explore-acks0-lossy-shard1of3',
      args: '--preset acks0-lossy --depth 3 --properties no-loss,no-duplicate',
      out: 'reports/nightly/acks0-lossy',
    });
  });

  it('nightly: plan: a preset name selects all its entries; unknown names are reported', () => {
    // Expected: canonical-replication selects its three configurations.
    expect(selectEntries(['canonical-replication']).entries).toHaveLength(3);
    expect(selectEntries(['durable', 'no-such-preset']).unknown).toEqual(['no-such-preset']);
  });
});
