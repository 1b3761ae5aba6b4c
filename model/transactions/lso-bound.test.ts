// Where a read_committed fetch stops, given the last stable offset and the high watermark.
import { describe, expect, it } from 'vitest';
import { exclusiveLso, inclusiveLso } from './lso-bound.ts';

describe('the read_committed fetch bound', () => {
  it('Kafka serves read_committed fetches only below the last stable offset (Log.fetchOffsetSnapshot, FetchIsolation.TXN_COMMITTED)', () => {
    // Expected: the exclusive bound is the LSO itself.
    expect(exclusiveLso(1, 3)).toBe(1);
  });

  it('the inclusive variant serves the LSO itself while it is below the high watermark, and never past the high watermark', () => {
    // Expected: one past an LSO below the high watermark, the LSO when it is the high watermark.
    expect(inclusiveLso(1, 3)).toBe(2);
    expect(inclusiveLso(2, 3)).toBe(3);
    expect(inclusiveLso(3, 3)).toBe(3);
  });
});
