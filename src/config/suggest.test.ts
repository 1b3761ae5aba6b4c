import { describe, expect, it } from 'vitest';
import { knownKeys } from './catalog.ts';
import { closest, editDistance } from './suggest.ts';

describe('config', () => {
  it('config: edit distance: a swap of neighbours costs one, like a single slip of the finger', () => {
    // Expected: retires→retries is 1; insertions, deletions and substitutions cost 1 each.
    expect(editDistance('retires', 'retries')).toBe(1);
    expect(editDistance('acks', 'acks')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('config: did you mean: the nearest known key, ignoring case, or nothing when none is near', () => {
    // Expected: typos find their key; a word unlike any key gets no suggestion.
    expect(closest('enable.idempotency', knownKeys)).toBe('enable.idempotence');
    expect(closest('ACKS', knownKeys)).toBe('acks');
    expect(closest('min.isr', knownKeys)).toBeNull();
    expect(closest('retires', knownKeys)).toBe('retries');
    expect(closest('bootstrap.server', knownKeys)).toBe('bootstrap.servers');
    expect(closest('zzzzzzzz', knownKeys)).toBeNull();
  });
});
