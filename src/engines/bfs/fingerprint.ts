/**
 * 64-bit state fingerprints: xxHash64 (the xxhash-wasm binding) of the model's encoding of a
 * state. The two 32-bit halves come back in `hi` and `lo` so the visited set never allocates.
 */
import xxhash from 'xxhash-wasm';

const hasher = await xxhash();
const word = new BigUint64Array(1);
const halves = new Uint32Array(word.buffer);

export class Fingerprint {
  hi = 0;
  lo = 0;

  /** Fingerprints `input` (bytes, or text hashed as UTF-8) into `hi` and `lo`. */
  of(input: Uint8Array | string): this {
    word[0] = typeof input === 'string' ? hasher.h64(input) : hasher.h64Raw(input);
    this.lo = halves[0]!;
    this.hi = halves[1]!;
    return this;
  }
}

/**
 * The chance that two of `states` distinct states share a fingerprint (so one was never explored),
 * n(n-1)/2 pairs over 2^64 values: the optimistic estimate TLC prints.
 */
export function collisionProbability(states: number): number {
  return (states * (states - 1)) / 2 / 2 ** 64;
}
