import { describe, expect, it } from 'vitest';
import { SpillArray } from './spill.ts';

/** Appends `count` records of two words, (i, 2i), to an array keeping `tail` in memory. */
function filled(count: number, tail: number): SpillArray {
  const spill = new SpillArray(2, tail);
  for (let i = 0; i < count; i++) {
    const at = spill.append();
    spill.tail[at] = i;
    spill.tail[at + 1] = 2 * i;
  }
  return spill;
}

describe('SpillArray', () => {
  it('reads back every record, from the file and from memory', () => {
    const spill = filled(1000, 64);
    expect(spill.tailStart).toBeGreaterThan(0);
    for (const i of [0, 1, 63, 64, 500, 999]) expect([spill.get(i, 0), spill.get(i, 1)]).toEqual([i, 2 * i]);
    spill.close();
  });

  it('rewrites a record already written out', () => {
    const spill = filled(300, 64);
    spill.set(5, 1, 77);
    spill.set(299, 0, 88);
    expect([spill.get(5, 0), spill.get(5, 1), spill.get(299, 0)]).toEqual([5, 77, 88]);
    expect(spill.all()[5 * 2 + 1]).toBe(77);
    spill.close();
  });

  it('holds only its tail in memory, and all() and load() round-trip', () => {
    const spill = filled(10_000, 64);
    expect(spill.bytes).toBe(64 * 2 * 4);
    const all = spill.all();
    expect(Array.from(all.subarray(0, 6))).toEqual([0, 0, 1, 2, 2, 4]);
    const copy = new SpillArray(2, 64);
    copy.load(all);
    expect(copy.length).toBe(10_000);
    expect(copy.get(9_999, 1)).toBe(19_998);
    expect(copy.all()).toEqual(all);
    spill.close();
    copy.close();
  });
});
