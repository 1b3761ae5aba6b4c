// The semantics matrix's "Producer to log" rows (SEMANTICS.md §4): each preset checked at the
// default seed (VERDICT_RUNS schedules, the default budget nightly) must give the verdict the matrix expects. The search decides; these
// expectations are the oracle it is held to.
import { describe, expect, it } from 'vitest';
import type { PropertyName } from '../../properties/property.ts';
import { checkNamedPreset, exploredBesideChecked } from './verdicts.ts';

/** The violating presets explore holds to check's counterexample here, with the one property to judge where the matrix names one. */
const EXPLORED: [string, PropertyName?][] = [
  ['acks0-lossy'],
  ['acks1-leader-failover'],
  ['acksall-retry-duplicates'],
  ['inflight-reorder', 'order'],
];

/** The explored presets' checks shorten as `check` does: the explore tests compare their lengths. */
const LENGTHS = { lengths: true } as const;

describe('verdicts: producer to log', () => {
  it('verdicts: acks0-lossy: no-loss violated, no-duplicate holds', () => {
    // Expected: a lost request or a crash loses what acks=0 counted as sent; nothing is ever retried.
    const result = checkNamedPreset('acks0-lossy', {}, LENGTHS);
    expect(result.properties['no-loss']).toBe('violated');
    expect(result.properties['no-duplicate']).toBe('passed');
  });

  it('verdicts: acks1-leader-failover: no-loss violated', () => {
    // Expected: the old leader acknowledged before its followers fetched; the new leader never had the record.
    expect(checkNamedPreset('acks1-leader-failover', {}, LENGTHS).properties['no-loss']).toBe('violated');
  });

  it('verdicts: acksall-retry-duplicates: no-loss holds, no-duplicate violated', () => {
    // Expected: a retry after a lost answer writes the record again; acks=all keeps everything acknowledged.
    const result = checkNamedPreset('acksall-retry-duplicates', {}, LENGTHS);
    expect(result.properties['no-loss']).toBe('passed');
    expect(result.properties['no-duplicate']).toBe('violated');
  });

  it('verdicts: inflight-reorder: order violated', () => {
    // Expected: a failed batch retried behind a later one lands after it.
    expect(checkNamedPreset('inflight-reorder', {}, LENGTHS).properties.order).toBe('violated');
  });

  it('verdicts: inflight-reorder with max.in.flight.requests.per.connection=1: order holds, even across a power loss', () => {
    // Expected: Kafka mutes the partition while its one request is out, so no retry can fall behind a later batch.
    const result = checkNamedPreset('inflight-reorder', {
      kafka: { 'max.in.flight.requests.per.connection': '1' },
      scenario: { faults: { network: 2, powerLoss: 1 } },
    });
    expect(result.properties.order).toBe('passed');
  });

  it('verdicts: idempotent-producer: no-loss, no-duplicate and order hold', () => {
    // Expected: with KAFKA-15591's first-sequence rule, the idempotent producer keeps every record once and in order.
    const result = checkNamedPreset('idempotent-producer');
    expect(result.properties).toMatchObject({
      'no-loss': 'passed',
      'no-duplicate': 'passed',
      order: 'passed',
    });
  });

  for (const [name, only] of EXPLORED) {
    it(`verdicts: explore ${name}${only ? ` --properties ${only}` : ''}: violated, no longer than check's shrunk counterexample`, async () => {
      // Expected: the exhaustive search's shortest counterexample is never longer than check's shrunk one.
      const { explored, shrunk } = await exploredBesideChecked(name, only);
      expect(explored.verdict).toBe('violated');
      expect(explored.counterexample!.length).toBeLessThanOrEqual(shrunk);
      expect(explored.counterexample!.length).toBe(explored.depth);
    });
  }
});
