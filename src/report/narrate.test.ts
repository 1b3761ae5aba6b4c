import { describe, expect, it } from 'vitest';
import { noFaults } from '../../model/index.ts';
import { configWith } from '../../model/testing.ts';
import { kafkaModel } from '../adapters/kafka.ts';
import { narrate } from './narrate.ts';

/** The changes told along the walk that always takes the first protocol step enabled. */
function toldChanges(config: ReturnType<typeof configWith>): string[] {
  const model = kafkaModel(config);
  const told: string[] = [];
  let state = model.initial;
  for (let i = 0; i < 200; i++) {
    const action = model.enabled(state).find((a) => !model.isFault(state, a));
    if (action === undefined) break;
    const after = model.step(state, action);
    told.push(...narrate(config, state, action, after).changes);
    state = after;
  }
  return told;
}

describe('narration', () => {
  it('narrate: a transactional record is acknowledged when commitTransaction() returns, not as acks=0', () => {
    // Expected: with a transactional.id and acks=all the story says the commit returned and
    // never speaks of acks=0; a plain acks=1 producer's records are told at their offsets.
    const transactional = toldChanges(
      configWith({ transactionalId: 'app', records: 2, faults: noFaults }),
    ).filter((c) => c.includes('acknowledged'));
    expect(transactional.length).toBe(2);
    for (const c of transactional) expect(c).toMatch(/acknowledged \(commitTransaction\(\) returned\)$/);
    const plain = toldChanges(
      configWith({ acks: '1', enableIdempotence: false, records: 1, faults: noFaults }),
    );
    expect(plain.filter((c) => c.includes('acknowledged'))).toEqual([
      'the application sees record r0 acknowledged at offset 0',
    ]);
  });
});
