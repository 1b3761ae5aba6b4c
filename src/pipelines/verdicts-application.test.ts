// The semantics matrix's rows about what idempotence cannot cover, and Kafka 3.9's known
// idempotence bugs the model rediscovers (SEMANTICS.md §4; KAFKA-14359, KIP-360).
import { describe, expect, it } from 'vitest';
import type { PropertyName } from '../../properties/property.ts';
import { checkNamedPreset, exploredBesideChecked } from './verdicts.ts';

/** The violating presets explore holds to check's counterexample here, with the one property to judge where the matrix names one. */
const EXPLORED: [string, PropertyName?][] = [
  ['idempotent-app-resend'],
  ['idempotent-producer-restart'],
  ['idempotent-zombie-expiry'],
];

/** The explored presets' checks shorten as `check` does: the explore tests compare their lengths. */
const LENGTHS = { lengths: true } as const;

describe('verdicts: idempotence limits', () => {
  it('verdicts: idempotent-app-resend: no-duplicate violated', () => {
    // Expected: the application's second send() after a delivery timeout is a new record to the broker.
    expect(checkNamedPreset('idempotent-app-resend', {}, LENGTHS).properties['no-duplicate']).toBe(
      'violated',
    );
  });

  it('verdicts: idempotent-producer-restart: no-duplicate violated', () => {
    // Expected: the restarted producer's new PID cannot match the old one's batches.
    expect(checkNamedPreset('idempotent-producer-restart', {}, LENGTHS).properties['no-duplicate']).toBe(
      'violated',
    );
  });

  it('verdicts: idempotent-first-batch: stock Kafka 3.9 reorders and duplicates (KAFKA-14359)', () => {
    // Expected: without KAFKA-15591, a second batch overtakes a failed first one and the KIP-360 bump writes them again.
    const result = checkNamedPreset('idempotent-first-batch');
    expect(result.properties).toMatchObject({
      'no-duplicate': 'violated',
      order: 'violated',
      'no-loss': 'passed',
    });
  });

  it('verdicts: idempotent-zombie-expiry: no-duplicate violated', () => {
    // Expected: a timed-out request applied late plus the epoch bump of an expired sequence writes a record twice.
    expect(checkNamedPreset('idempotent-zombie-expiry', {}, LENGTHS).properties['no-duplicate']).toBe(
      'violated',
    );
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
