import { describe, expect, it } from 'vitest';
import { hashBytes } from './hash.ts';

function hash(bytes: number[]): string {
  const out = { hi: 0, lo: 0 };
  hashBytes(Uint8Array.from(bytes), out);
  return `${out.hi.toString(16)}:${out.lo.toString(16)}`;
}

describe('hashBytes', () => {
  it('gives the same halves for the same bytes, as unsigned numbers', () => {
    const out = { hi: 0, lo: 0 };
    hashBytes(Uint8Array.from([1, 2, 3, 4, 5]), out);
    expect(hash([1, 2, 3, 4, 5])).toBe(`${out.hi.toString(16)}:${out.lo.toString(16)}`);
    expect(out.hi).toBeGreaterThanOrEqual(0);
    expect(out.lo).toBeGreaterThanOrEqual(0);
  });

  it('tells apart lengths, trailing zeros and every single-bit change of a state', () => {
    const base = Array.from({ length: 57 }, (_, i) => i % 7);
    const seen = new Set([hash([]), hash([0]), hash([0, 0]), hash([0, 0, 0, 0]), hash([0, 0, 0, 0, 0])]);
    expect(seen.size).toBe(5);
    const hashes = new Set<string>([hash(base)]);
    for (let i = 0; i < base.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const changed = [...base];
        changed[i] = changed[i]! ^ (1 << bit);
        hashes.add(hash(changed));
      }
    }
    expect(hashes.size).toBe(1 + base.length * 8);
  });

  it('spreads both halves: over 65,536 two-byte inputs, neither half has a bucket far from its share', () => {
    const buckets = { hi: new Array<number>(256).fill(0), lo: new Array<number>(256).fill(0) };
    const out = { hi: 0, lo: 0 };
    for (let i = 0; i < 65_536; i++) {
      hashBytes(Uint8Array.from([i & 255, i >> 8]), out);
      buckets.hi[out.hi >>> 24]!++;
      buckets.lo[out.lo & 255]!++;
    }
    for (const counts of [buckets.hi, buckets.lo]) {
      expect(Math.min(...counts)).toBeGreaterThan(256 * 0.7);
      expect(Math.max(...counts)).toBeLessThan(256 * 1.3);
    }
  });
});
