// KafkaProducer.commitTransaction() is offered only to a producer with a transactional.id.
import { describe, expect, it } from 'vitest';
import { configWith } from '../../testing.ts';
import { commitTransaction } from './commit-transaction.ts';

describe('CommitTransaction', () => {
  it('only a producer with a transactional.id may call commitTransaction() (KafkaProducer.commitTransaction)', () => {
    // Expected: no candidate without transactional.id; one for the producer with it.
    expect(commitTransaction.candidates(configWith({ transactionalId: null }))).toEqual([]);
    expect(commitTransaction.candidates(configWith({ transactionalId: 'tx' }))).toEqual([
      { type: 'CommitTransaction', producer: 0 },
    ]);
  });
});
