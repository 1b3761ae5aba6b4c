/**
 * 64-bit state fingerprints: the hash of hash.ts over the model's encoding of a state (text is
 * hashed as its UTF-8 bytes). The two 32-bit halves come back in `hi` and `lo` so the visited set
 * never allocates. (0, 0) marks an empty slot of the visited table, so a state hashing to it is
 * given (0, 1).
 */
import { hashBytes } from './hash.ts';

const utf8 = new TextEncoder();

export class Fingerprint {
  hi = 0;
  lo = 0;
  private text = new Uint8Array(1024);

  /** Fingerprints `input` (bytes, or text hashed as UTF-8) into `hi` and `lo`. */
  of(input: Uint8Array | string): this {
    if (typeof input === 'string') {
      if (input.length * 3 > this.text.length) this.text = new Uint8Array(input.length * 3);
      const { written } = utf8.encodeInto(input, this.text);
      hashBytes(this.text.subarray(0, written), this);
    } else hashBytes(input, this);
    if (this.hi === 0 && this.lo === 0) this.lo = 1;
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
