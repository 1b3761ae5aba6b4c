// Renaming producers is a bijection on states: renaming back gives the state again, and a state's
// class encoding is the same for every renaming of it.
import { describe, expect, it } from 'vitest';
import { configWith, noFaults, runActions } from '../../model/testing.ts';
import { producerSymmetric, renameProducers } from './kafka-symmetry.ts';

describe('kafka symmetry', () => {
  const config = configWith({ producers: 3, faults: noFaults });
  const state = runActions(config, [
    { type: 'InitProducerId', producer: 2 },
    { type: 'Send', producer: 2 },
    { type: 'Send', producer: 0 },
    { type: 'InitProducerId', producer: 0 },
    { type: 'SendProduce', producer: 2, partition: 0 },
    { type: 'HandleProduce', producer: 2, broker: 0, from: 'connection' },
  ]);

  it('renaming producers and renaming back gives the same state', () => {
    const to = [2, 0, 1];
    const back = [1, 2, 0];
    const renamed = renameProducers(state, to);
    expect(JSON.stringify(renamed)).not.toBe(JSON.stringify(state));
    expect(renameProducers(renamed, back)).toEqual(state);
  });

  it('every renaming of a state has the same class encoding, and the class holds a renaming of it', () => {
    const encode = producerSymmetric(3);
    const classOf = encode(state);
    for (const to of [
      [1, 0, 2],
      [2, 1, 0],
      [1, 2, 0],
    ]) {
      expect(encode(renameProducers(state, to))).toBe(classOf);
    }
    expect(classOf <= JSON.stringify(state)).toBe(true);
  });
});
