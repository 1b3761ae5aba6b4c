// The byte encoding against the JSON reference it replaced, on the presets' configurations: it
// round-trips every state a random walk reaches, and it sorts the states a bounded breadth-first
// search reaches into exactly the classes JSON does (equal JSON if and only if equal bytes).
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { ModelConfig, State } from '../../model/index.ts';
import { presetByName, presets } from '../config/presets.ts';
import { resolvePreset } from '../config/resolve.ts';
import { kafkaModel } from './kafka.ts';
import { kafkaCodec } from './kafka-encoding.ts';

const configOf = (name: string): ModelConfig => resolvePreset(presetByName(name)!).config;

const hex = (bytes: Uint8Array | string): string => Buffer.from(bytes as Uint8Array).toString('hex');

describe('the byte encoding round-trips reachable states', () => {
  const durable = configOf('durable');
  const configs: [string, ModelConfig][] = [
    ...presets.map((p): [string, ModelConfig] => [p.name, configOf(p.name)]),
    ['durable, 2 producers, 2 partitions', { ...durable, producers: 2, partitions: 2 }],
  ];
  for (const [name, config] of configs) {
    const model = { ...kafkaModel(config, []), ...kafkaCodec(config, 'bytes') };
    test.prop([fc.array(fc.nat(), { minLength: 1, maxLength: 50 })], { numRuns: 25 })(name, (choices) => {
      let state = model.initial;
      for (const choice of choices) {
        const actions = model.enabled(state);
        if (actions.length === 0) break;
        state = model.step(state, actions[choice % actions.length]!);
        const bytes = (model.encode(state) as Uint8Array).slice();
        const decoded = model.decode(bytes);
        expect(decoded).toEqual(state);
        expect(hex(model.encode(decoded))).toBe(hex(bytes));
        // Walk on from the decoded copy, as the explorer does with a packed level.
        state = decoded;
      }
    });
  }
});

/**
 * Every edge of a breadth-first search to `depth`, levels kept as bytes and decoded on expansion
 * as the exhaustive explorer keeps them: each successor's JSON must always go with the same bytes
 * and the bytes with the same JSON.
 */
function classes(config: ModelConfig, depth: number) {
  const model = { ...kafkaModel(config, []), ...kafkaCodec(config, 'bytes') };
  const bytesOf = new Map<string, string>();
  const jsonOf = new Map<string, string>();
  let edges = 0;
  const meet = (state: State): boolean => {
    const json = JSON.stringify(state);
    const bytes = hex(model.encode(state));
    const known = bytesOf.get(json);
    expect(known ?? bytes).toBe(bytes);
    expect(jsonOf.get(bytes) ?? json).toBe(json);
    bytesOf.set(json, bytes);
    jsonOf.set(bytes, json);
    return known === undefined;
  };
  meet(model.initial);
  let level: Uint8Array[] = [(model.encode(model.initial) as Uint8Array).slice()];
  for (let d = 0; d < depth; d++) {
    const next: Uint8Array[] = [];
    for (const packed of level) {
      const state = model.decode(packed);
      for (const action of model.enabled(state)) {
        const after = model.step(state, action);
        edges++;
        if (meet(after)) next.push((model.encode(after) as Uint8Array).slice());
      }
    }
    level = next;
  }
  return { json: bytesOf.size, bytes: jsonOf.size, edges };
}

describe('bytes and JSON tell the same states apart', () => {
  for (const name of ['durable', 'acks1-leader-failover']) {
    it(`${name}, every state within 8 steps`, () => {
      const counted = classes(configOf(name), 8);
      expect(counted.edges).toBeGreaterThan(1000);
      expect(counted.bytes).toBe(counted.json);
    });
  }

  it('the JSON reference encoding is still there; bytes are the default', () => {
    const config = configOf('durable');
    const json = kafkaModel(config, [], { encoding: 'json' });
    expect(json.encode?.(json.initial)).toBe(JSON.stringify(json.initial));
    expect(json.decode?.(JSON.stringify(json.initial))).toEqual(json.initial);
    expect(kafkaModel(config, []).encode?.(json.initial)).toBeInstanceOf(Uint8Array);
  });
});
