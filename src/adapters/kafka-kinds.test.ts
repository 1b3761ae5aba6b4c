import { describe, expect, it } from 'vitest';
import { candidatesOf } from '../../model/machine.ts';
import { presetByName } from '../config/presets.ts';
import { resolvePreset } from '../config/resolve.ts';
import { kafkaModel } from './kafka.ts';

function configOf(name: string) {
  return resolvePreset(presetByName(name)!).config;
}

describe('swarm kinds of the Kafka model', () => {
  it('kinds: with two followers a partition, each follower fetches as a share of Fetch', () => {
    // Expected: durable has replication.factor=3 on 3 brokers: Fetch and Fetch/broker0..2, and a
    // fetch's kind names its follower.
    const config = configOf('durable');
    const model = kafkaModel(config);
    expect(model.kinds).toEqual(
      expect.arrayContaining(['Fetch', 'Fetch/broker0', 'Fetch/broker1', 'Fetch/broker2']),
    );
    const fetches = candidatesOf(config).filter((a) => a.type === 'Fetch');
    expect(fetches.length).toBeGreaterThan(0);
    for (const a of fetches) expect(model.kindOf(a)).toBe(`Fetch/broker${(a as { broker: number }).broker}`);
  });

  it('kinds: with one follower or none, the kinds are the step types, as before', () => {
    // Expected: the pipeline presets have replication.factor=1: no kind names a share.
    const model = kafkaModel(configOf('exactly-once'));
    expect(model.kinds.filter((k) => k.includes('/'))).toEqual([]);
    for (const a of candidatesOf(configOf('exactly-once'))) expect(model.kindOf(a).includes('/')).toBe(false);
  });
});
