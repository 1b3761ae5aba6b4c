// Reachability partners (STYLE.md): a clean verdict means little unless the search reached the
// situations the property is about. Every property has partners, and every partner is reached.
import { describe, expect, it } from 'vitest';
import { propertyNames } from '../../properties/index.ts';
import type { PropertyName } from '../../properties/property.ts';
import { witnesses } from '../../properties/witnesses.ts';
import { kafkaModel } from '../adapters/kafka.ts';
import { presets } from '../config/presets.ts';
import { resolveConfig } from '../config/resolve.ts';
import { randomSearch } from '../engines/random/random.ts';

describe('reachability partners', () => {
  it('witnesses: every property has at least one partner', () => {
    // Expected: no property is judged without an event that gives its verdict weight.
    for (const property of propertyNames) {
      expect(
        witnesses.some((w) => w.partners.includes(property)),
        property,
      ).toBe(true);
    }
  });

  it('witnesses: the presets together reach every partner; durable and transactional-producer reach a partner of every property they are judged by', () => {
    // Expected: leader changes, retries, deduplications, truncations, power losses and epoch bumps all
    // happen within each preset's first 150 schedules (the plain ones, before any prefix pool).
    const seen = new Map<string, Map<string, number>>();
    for (const preset of presets) {
      const config = resolveConfig(
        [{ kind: 'preset', name: preset.name, entries: preset.kafka }],
        preset.scenario,
      ).config;
      const search = randomSearch(kafkaModel(config), { seed: 1, runs: 150 });
      seen.set(preset.name, new Map(search.witnessed));
    }
    for (const w of witnesses) {
      // A zombie's TxnOffsetCommit refused for its stale generation takes a schedule from the prefix
      // pools: the exactly-once verdict test holds check to reaching it (verdicts-exactly-once.test.ts).
      if (w.name === 'txn-offset-commit-fenced') continue;
      const total = [...seen.values()].reduce((n, m) => n + (m.get(w.name) ?? 0), 0);
      expect(total, w.name).toBeGreaterThan(0);
    }
    // durable reaches a partner of every property a producer without transactions is judged by;
    // transactional-producer one of every property.
    const transactional = new Set<string>(['read-committed', 'atomic-transaction', 'fencing']);
    const reaches: readonly [string, readonly PropertyName[]][] = [
      ['durable', propertyNames.filter((p) => !transactional.has(p))],
      ['transactional-producer', propertyNames],
    ];
    for (const [preset, judged] of reaches) {
      const counts = seen.get(preset)!;
      for (const property of judged) {
        const partners = witnesses.filter((w) => w.partners.includes(property));
        expect(
          partners.some((w) => (counts.get(w.name) ?? 0) > 0),
          `${preset}: ${property}`,
        ).toBe(true);
      }
    }
  });
});
