// The transactional producer's client-side state machine (Kafka's TransactionManager), from the
// producer of oneBrokerTransactionConfig in its first transaction (attempt 0, record 0 sent).
import { describe, expect, it } from 'vitest';
import type { State } from '../state.ts';
import {
  configWith,
  noFaults,
  oneBrokerTransactionConfig,
  runActions,
  txnProducerSendsFirstRecord,
} from '../testing.ts';
import { clientTransaction, endAttempt, resumeRecord, transactionFailed } from './client.ts';

const config = oneBrokerTransactionConfig(noFaults);
const ready = runActions(config, txnProducerSendsFirstRecord);

function inState(state: 'InTransaction' | 'CommittingTransaction' | 'Ready'): State {
  const client = ready.producers[0]!;
  return { ...ready, producers: [{ ...client, transaction: { ...client.transaction!, state } }] };
}

describe('transactionFailed', () => {
  it('a send failing during commitTransaction() puts the transaction in ABORTABLE_ERROR, as in a transaction (TransactionManager.maybeTransitionToErrorState)', () => {
    // Expected: both InTransaction and CommittingTransaction move to AbortableError and ask for a sequence rewrite.
    for (const from of ['InTransaction', 'CommittingTransaction'] as const) {
      const next = transactionFailed(config, inState(from), 0, 'InvalidTxnState');
      expect(next.producers[0]!.transaction!.state).toBe('AbortableError');
      expect(next.producers[0]!.partitions[0]!.rewriteSequences).toBe(true);
    }
  });

  it('a failed send outside a transaction leaves the transaction state alone (TransactionManager.maybeTransitionToErrorState)', () => {
    // Expected: a Ready producer is unchanged.
    const state = inState('Ready');
    expect(transactionFailed(config, state, 0, 'InvalidTxnState')).toBe(state);
  });

  it('PRODUCER_FENCED closes the instance: ProducerFencedException is fatal (TransactionManager.handleFailedBatch)', () => {
    // Expected: the producer is closed, and the open attempt's outcome is unknown to the application.
    const next = transactionFailed(config, inState('InTransaction'), 0, 'ProducerFenced');
    expect(next.producers[0]!.status).toBe('crashed');
    expect(next.attempts[0]).toEqual(['unknown']);
  });
});

describe('endAttempt', () => {
  it('an aborted attempt fails its pending sends with TransactionAbortedException (TransactionManager.abortTransaction)', () => {
    // Expected: attempt 0 is recorded aborted and record 0 fails with TransactionAborted.
    const next = endAttempt(ready, 0, 0, 'aborted');
    expect(next.attempts[0]).toEqual(['aborted']);
    expect(next.sends[0]![0]!.outcome).toEqual({ status: 'failed', error: 'TransactionAborted' });
  });

  it('a send whose callback already saw an error keeps that error when its attempt aborts (Sender.failBatch fires the callback once)', () => {
    // Expected: record 0, failed earlier with NOT_LEADER_OR_FOLLOWER, is not settled again as TransactionAborted.
    const failed: State = {
      ...ready,
      sends: [[{ ...ready.sends[0]![0]!, outcome: { status: 'failed', error: 'NotLeaderOrFollower' } }]],
    };
    expect(endAttempt(failed, 0, 0, 'aborted').sends[0]![0]!.outcome).toEqual({
      status: 'failed',
      error: 'NotLeaderOrFollower',
    });
  });

  it('an attempt ends once: no attempt, or one already ended, changes nothing', () => {
    // Expected: attempt -1 and an attempt already committed leave the state as it is.
    expect(endAttempt(ready, 0, -1, 'aborted')).toBe(ready);
    const committed = endAttempt(ready, 0, 0, 'committed');
    expect(committed.sends[0]![0]!.outcome.status).toBe('acknowledged');
    expect(endAttempt(committed, 0, 0, 'aborted')).toBe(committed);
  });
});

describe('resumeRecord', () => {
  it('a new instance redoes the transaction it never saw committed with resend, and moves past it with give-up', () => {
    // Expected: mid-transaction on records 0-1, resend goes back to record 0 and give-up on to record 2.
    const client = ready.producers[0]!;
    expect(resumeRecord(configWith({ ...config, onFailure: 'resend' }), client)).toBe(0);
    expect(resumeRecord(configWith({ ...config, onFailure: 'give-up' }), client)).toBe(2);
  });
});

describe('clientTransaction', () => {
  it('a producer without transactional.id has no transaction to read: a model bug, named', () => {
    // Expected: a plain idempotent producer's transaction is refused.
    const plain = runActions(configWith({ faults: noFaults }), []);
    expect(() => clientTransaction(plain.producers[0]!)).toThrow(
      'model bug: the producer is not transactional',
    );
  });
});
