// TransactionCoordinator.abortTimedOutTransactions: transaction.timeout.ms passes for an Ongoing
// transaction whose producer is not working on it; the coordinator fences the epoch
// (PrepareEpochFence) and aborts. One transactional producer on a one-broker cluster.
import { describe, expect, it } from 'vitest';
import { actionKey } from '../../action.ts';
import type { ModelConfig } from '../../config.ts';
import { enabled, step } from '../../machine.ts';
import type { State } from '../../state.ts';
import {
  noFaults,
  oneBrokerTransactionConfig,
  runActions,
  txnProducerSendsFirstRecord,
} from '../../testing.ts';
import {
  type AbortTimedOutTransactionAction,
  abortTimedOutTransaction,
} from './abort-timed-out-transaction.ts';

const config: ModelConfig = oneBrokerTransactionConfig({
  ...noFaults,
  producerRestart: 1,
  producerStall: 1,
  deliveryTimeout: 1,
});
const p0 = { producer: 0 } as const;
const timeout: AbortTimedOutTransactionAction = { type: 'AbortTimedOutTransaction', ...p0 };
const keys = (s: State) => enabled(config, s).map(actionKey);

/** Record 0's partition is in the transaction: Ongoing at the coordinator, InTransaction on the client. */
const ongoing = runActions(config, [
  ...txnProducerSendsFirstRecord,
  { type: 'SendAddPartitionsToTxn', ...p0 },
  { type: 'HandleAddPartitionsToTxn', ...p0, broker: 0, from: 'connection' },
  { type: 'HandleAddPartitionsToTxnResponse', ...p0, broker: 0 },
]);

describe('AbortTimedOutTransaction', () => {
  it('the coordinator does not time out a transaction its running producer is working on, nor one in ABORTABLE_ERROR it will abort (TransactionCoordinator.abortTimedOutTransactions)', () => {
    // Expected: Ongoing at the coordinator, yet not enabled while the client is InTransaction, nor after its batch expired (AbortableError).
    expect(ongoing.transactions[0]!.state).toBe('Ongoing');
    expect(keys(ongoing)).not.toContain(actionKey(timeout));
    const failed = runActions(config, [{ type: 'ExpireBatch', ...p0, partition: 0 }], ongoing);
    expect(failed.producers[0]!.transaction!.state).toBe('AbortableError');
    expect(keys(failed)).not.toContain(actionKey(timeout));
  });

  it('a transaction left Ongoing by a crashed producer is aborted by the coordinator once transaction.timeout.ms passes, even after the application restarted (TransactionCoordinator.abortTimedOutTransactions)', () => {
    // Expected: enabled once the producer crashed, and still once its new instance runs (Uninitialized, not yet InitTransactions).
    const crashed = runActions(config, [{ type: 'CrashProducer', ...p0 }], ongoing);
    expect(keys(crashed)).toContain(actionKey(timeout));
    const restarted = runActions(config, [{ type: 'RestartProducer', ...p0 }], crashed);
    expect(restarted.producers[0]!.status).toBe('running');
    expect(restarted.producers[0]!.transaction!.state).toBe('Uninitialized');
    expect(keys(restarted)).toContain(actionKey(timeout));
  });

  it('the timeout abort of a stalled producer bumps the epoch first (PrepareEpochFence), then PrepareAbort (KIP-890)', () => {
    // Expected: PrepareAbort at epoch 1; the story names the timeout, the PID and the new epoch.
    const stalled = runActions(config, [{ type: 'StallProducer', ...p0 }], ongoing);
    expect(keys(stalled)).toContain(actionKey(timeout));
    const after = step(config, stalled, timeout);
    expect([after.transactions[0]!.state, after.transactions[0]!.producerEpoch]).toEqual(['PrepareAbort', 1]);
    expect(abortTimedOutTransaction.tell(config, stalled, timeout, after)).toEqual({
      actor: 'coordinator on broker 0',
      message:
        "transaction.timeout.ms (60000 ms) passes for PID 0's Ongoing transaction: PrepareEpochFence bumps the epoch to 1, then PrepareAbort",
    });
  });
});
