// The semantics matrix's durability rows and the KIP-101 protocol variant (SEMANTICS.md §4).
import { describe, expect, it } from 'vitest';
import type { PropertyName } from '../../properties/property.ts';
import { checkNamedPreset, exploredBesideChecked } from './verdicts.ts';

/** The violating presets explore holds to check's counterexample here, with the one property to judge where the matrix names one. */
const EXPLORED: [string, PropertyName?][] = [
  ['unclean-election'],
  ['page-cache-power-loss'],
  ['last-isr-power-loss'],
];

/** The explored presets' checks shorten as `check` does: the explore tests compare their lengths. */
const LENGTHS = { lengths: true } as const;

describe('verdicts: durability', () => {
  it('verdicts: unclean-election: no-loss violated', () => {
    // Expected: an out-of-sync replica elected after the ISR shrank to the crashed leader lacks the record.
    expect(checkNamedPreset('unclean-election', {}, LENGTHS).properties['no-loss']).toBe('violated');
  });

  it('verdicts: page-cache-power-loss: no-loss violated; with flush.messages=1 it holds', () => {
    // Expected: unflushed acknowledged records die with the power; flushing every message keeps them.
    expect(checkNamedPreset('page-cache-power-loss', {}, LENGTHS).properties['no-loss']).toBe('violated');
    const flushed = checkNamedPreset('page-cache-power-loss', { kafka: { 'flush.messages': '1' } });
    expect(flushed.properties['no-loss']).toBe('passed');
  });

  it('verdicts: durable: every property holds', () => {
    // Expected: unavailability is allowed, loss, duplication and reordering are not.
    const result = checkNamedPreset('durable');
    expect(result.verdict).toBe('passed');
    expect(result.counterexamples).toEqual([]);
  });

  it('verdicts: durable with truncation=high-watermark: the KIP-101 loss is found', () => {
    // Expected: a follower truncates an acknowledged record to its stale high watermark, then becomes leader.
    const result = checkNamedPreset('durable', { scenario: { variants: { truncation: 'high-watermark' } } });
    expect(result.properties['no-loss']).toBe('violated');
    const trace = result.counterexamples.find((c) => c.property === 'no-loss')!.trace;
    expect(trace.actions.some((a) => a.type === 'TruncateToHighWatermark')).toBe(true);
  });

  it('verdicts: last-isr-power-loss: no-loss violated (Kafka 3.9 without KIP-966)', () => {
    // Expected: the sole ISR member loses power and is elected again with its truncated log.
    expect(checkNamedPreset('last-isr-power-loss', {}, LENGTHS).properties['no-loss']).toBe('violated');
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
