// The Kafka model's state graph, pinned before it was reshaped into protocol-step modules with a
// byte encoding (issue 9): the same states, edges, verdicts and shortest counterexamples, step
// for step, as the model had then. A change that should not change behaviour keeps this green;
// one that does must say why in its commit. The transactional presets' graphs are pinned beside
// them (transaction-pins.json), at depths the test tier affords.
import { describe, expect, it } from 'vitest';
import type { PropertyName } from '../../properties/property.ts';
import producerPins from './kafka-pins.json' with { type: 'json' };
import transactionPins from './transaction-pins.json' with { type: 'json' };
import { exploreNamedPreset } from './verdicts.ts';

interface Pin {
  readonly name: string;
  readonly depth?: number;
  readonly properties?: readonly PropertyName[];
  readonly verdict: string;
  readonly states: number;
  readonly edges: number;
  readonly steps: readonly string[] | null;
}

describe('pinned Kafka state graph', () => {
  for (const pin of [...producerPins, ...transactionPins] as readonly Pin[]) {
    const judged = pin.properties === undefined ? 'all' : pin.properties.join(',') || 'none';
    it(`pinned: explore ${pin.name} depth ${pin.depth ?? 'unbounded'} properties ${judged}: ${pin.states} states, ${pin.edges} edges`, async () => {
      const r = await exploreNamedPreset(pin.name, {
        ...(pin.depth === undefined ? {} : { depth: pin.depth }),
        ...(pin.properties === undefined ? {} : { properties: pin.properties }),
      });
      expect({
        verdict: r.verdict,
        states: r.states,
        edges: r.edges,
        steps: r.counterexample?.steps ?? null,
      }).toEqual({ verdict: pin.verdict, states: pin.states, edges: pin.edges, steps: pin.steps });
    });
  }
});
