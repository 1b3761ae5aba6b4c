import { describe, expect, it } from 'vitest';
import { Fingerprint } from './fingerprint.ts';
import { lookUp } from './table.ts';
import { VisitedSet } from './visited.ts';

/** Adds states 0..count-1, state i reached from i-1 by action i % 7. */
function chain(count: number): { visited: VisitedSet; fps: [number, number][] } {
  const visited = new VisitedSet();
  const fp = new Fingerprint();
  const fps: [number, number][] = [];
  let misnumbered = 0;
  for (let i = 0; i < count; i++) {
    fp.of(`state ${i}`);
    fps.push([fp.hi, fp.lo]);
    if (visited.add(fp.hi, fp.lo, i - 1, i % 7) !== i) misnumbered++;
  }
  expect(misnumbered).toBe(0);
  return { visited, fps };
}

describe('VisitedSet', () => {
  it('gives ids in order, knows what it holds, and refuses a fingerprint twice', () => {
    const { visited, fps } = chain(5_000);
    expect(visited.size).toBe(5_000);
    expect(visited.add(fps[123]![0], fps[123]![1], 0, 0)).toBe(-1);
    expect(visited.has(fps[4_999]![0], fps[4_999]![1])).toBe(true);
    expect(lookUp(visited.lookupTables, fps[0]![0], fps[0]![1])).toBe(true);
    expect(visited.has(1, 2)).toBe(false);
    visited.close();
  });

  it('rebuilds a path from records written out to its file', () => {
    const { visited } = chain(200_000);
    const path = visited.pathTo(199_999);
    expect(path).toHaveLength(199_999);
    expect(path.slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 0, 1]);
    visited.close();
  });

  it('holds at most 16 bytes a state in memory once it is large', () => {
    for (const count of [300_000, 700_000]) {
      const { visited } = chain(count);
      expect(visited.bytes / visited.size).toBeLessThanOrEqual(16);
      visited.close();
    }
  });

  it('keeps out-degrees by id, NOT_EXPANDED where none was given, and copies back whole', () => {
    const { visited } = chain(100_000);
    visited.expanded(0, 3);
    visited.expanded(70_000, 2);
    const states = [...visited.states()];
    expect([states[0]![2], states[1]![2], states[70_000]![2], states[99_999]![2]]).toEqual([
      3, 0xffff, 2, 0xffff,
    ]);
    const copy = new VisitedSet(1, false, visited.copy());
    expect(copy.size).toBe(100_000);
    expect(copy.pathTo(99_999)).toEqual(visited.pathTo(99_999));
    expect([...copy.states()][70_000]).toEqual(states[70_000]);
    visited.close();
    copy.close();
  });
});
