// The transaction coordinator's metadata, one entry per transactional.id.
import { describe, expect, it } from 'vitest';
import { noFaults, oneBrokerTransactionConfig, runActions } from '../testing.ts';
import { transactionAt } from './metadata.ts';

describe('transactionAt', () => {
  it('a producer slot without a transactional.id entry is a RangeError naming it', () => {
    // Expected: one transactional.id, so producer 9 has none.
    expect(() => transactionAt(runActions(oneBrokerTransactionConfig(noFaults), []), 9)).toThrow(
      'no transactional.id for producer 9',
    );
  });
});
