// Renaming producers is a bijection on states: renaming back gives the state again, and a state's
// class encoding is the same for every renaming of it.
import { describe, expect, it } from 'vitest';
import { StateEncoder } from '../../model/encoding/index.ts';
import { enabled, type State, step } from '../../model/index.ts';
import { configWith, noFaults, runActions } from '../../model/testing.ts';
import { producerSymmetric, producerSymmetricBytes, renameProducers } from './kafka-symmetry.ts';

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

  const renamings = [
    [1, 0, 2],
    [2, 1, 0],
    [1, 2, 0],
    [2, 0, 1],
  ];
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

  it('bytes: encoding under a renaming gives the bytes of the renamed state', () => {
    const encoder = new StateEncoder(config);
    for (const to of renamings) {
      const renamed = hex(new StateEncoder(config).encode(renameProducers(state, to)));
      expect(hex(encoder.encode(state, to))).toBe(renamed);
      expect(renamed).not.toBe(hex(encoder.encode(state)));
    }
  });

  it('bytes: every renaming of a state has the same class bytes, the least of the renamings', () => {
    const encode = producerSymmetricBytes(config);
    const classOf = hex(encode(state));
    const own = new StateEncoder(config);
    for (const to of renamings) {
      expect(hex(encode(renameProducers(state, to)))).toBe(classOf);
      expect(classOf <= hex(own.encode(state, to))).toBe(true);
    }
    expect(classOf <= hex(own.encode(state))).toBe(true);
  });

  it('bytes and JSON classes are the same on every state within 6 steps of 2 producers', () => {
    const small = configWith({ producers: 2, records: 2, faults: { ...noFaults, network: 1 } });
    const byJson = producerSymmetric(2);
    const byBytes = producerSymmetricBytes(small);
    const bytesOf = new Map<string, string>();
    const jsonOf = new Map<string, string>();
    const seen = new Set<string>();
    let level: State[] = [runActions(small, [])];
    for (let d = 0; d < 6; d++) {
      const next: State[] = [];
      for (const s of level) {
        for (const action of enabled(small, s)) {
          const after = step(small, s, action);
          const json = byJson(after);
          const bytes = hex(byBytes(after));
          expect(bytesOf.get(json) ?? bytes).toBe(bytes);
          expect(jsonOf.get(bytes) ?? json).toBe(json);
          bytesOf.set(json, bytes);
          jsonOf.set(bytes, json);
          const key = JSON.stringify(after);
          if (!seen.has(key)) {
            seen.add(key);
            next.push(after);
          }
        }
      }
      level = next;
    }
    // Symmetry merged some states, and both encodings merged the same ones.
    expect(bytesOf.size).toBeLessThan(seen.size);
    expect(jsonOf.size).toBe(bytesOf.size);
  });
});
