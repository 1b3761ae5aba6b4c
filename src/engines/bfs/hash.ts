/**
 * A 64-bit hash of bytes written in JavaScript, for state fingerprints: two 32-bit lanes in the
 * manner of MurmurHash3, each with its own multipliers and rotations, read four bytes at a time
 * and mixed into each other at the end. It runs inline in the explorer's loop, where a call into
 * WebAssembly and the copy of the bytes it needs cost more than the hashing.
 */

/** The two halves of the last hash, as unsigned 32-bit numbers. */
export interface Halves {
  hi: number;
  lo: number;
}

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Hashes `bytes` into `out.hi` and `out.lo`. */
export function hashBytes(bytes: Uint8Array, out: Halves): void {
  const length = bytes.length;
  let a = 0x9747b28c ^ length;
  let b = 0x5bd1e995 ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    const k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    let ka = Math.imul(k, 0xcc9e2d51);
    ka = Math.imul((ka << 15) | (ka >>> 17), 0x1b873593);
    a ^= ka;
    a = (Math.imul((a << 13) | (a >>> 19), 5) + 0xe6546b64) | 0;
    let kb = Math.imul(k, 0x85ebca77);
    kb = Math.imul((kb << 13) | (kb >>> 19), 0xc2b2ae3d);
    b ^= kb;
    b = (Math.imul((b << 17) | (b >>> 15), 5) + 0x38495ab5) | 0;
  }
  let k = 0;
  for (let i = length - 1; i >= whole; i--) k = (k << 8) | bytes[i]!;
  if (length > whole) {
    const ka = Math.imul(k, 0xcc9e2d51);
    a ^= Math.imul((ka << 15) | (ka >>> 17), 0x1b873593);
    const kb = Math.imul(k, 0x85ebca77);
    b ^= Math.imul((kb << 13) | (kb >>> 19), 0xc2b2ae3d);
  }
  a = (a + b) | 0;
  b = (b + a) | 0;
  a = mix32(a);
  b = mix32(b ^ 0x27d4eb2f);
  a = (a + b) | 0;
  b = (b + a) | 0;
  out.hi = a >>> 0;
  out.lo = b >>> 0;
}
