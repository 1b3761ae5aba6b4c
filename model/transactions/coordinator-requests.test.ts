// The transaction coordinator's answers (Kafka's TransactionCoordinator), asked directly of
// handleCoordinatorRequest on broker 0 for a transactional.id whose metadata is forged.
import { describe, expect, it } from 'vitest';
import type { CoordinatorRequest, State, TransactionMetadata } from '../state.ts';
import {
  noFaults,
  oneBrokerTransactionConfig,
  runActions,
  txnProducerSendsFirstRecord,
  withTransactionVersion2,
} from '../testing.ts';
import { handleCoordinatorRequest } from './coordinator-requests.ts';

const v1 = oneBrokerTransactionConfig(noFaults);
const v2 = withTransactionVersion2(v1);
const ready = runActions(v1, txnProducerSendsFirstRecord);
const t = ready.transactions[0]!;

function withMetadata(fields: Partial<TransactionMetadata>): State {
  return { ...ready, transactions: [{ ...t, ...fields }] };
}

const pid = t.producerId;
const endTxn = (producerEpoch: number, commit = true, producerId = pid): CoordinatorRequest => ({
  kind: 'EndTxn',
  producerId,
  producerEpoch,
  commit,
});

describe('handleCoordinatorRequest: InitProducerId', () => {
  it('InitProducerId while markers are written is answered CONCURRENT_TRANSACTIONS and changes nothing (TransactionCoordinator.handleInitProducerId)', () => {
    // Expected: a PrepareCommit transaction makes the new instance retry.
    const state = withMetadata({
      state: 'PrepareCommit',
      partitions: 1,
      pendingMarkers: [{ partition: 0, offset: -1, leaderEpoch: -1 }],
    });
    const handled = handleCoordinatorRequest(v1, state, 0, 0, { kind: 'InitProducerId' });
    expect(handled.response.error).toBe('ConcurrentTransactions');
    expect(handled.state).toBe(state);
  });

  it('InitProducerId during an Ongoing transaction fences the old epoch and aborts it, answering CONCURRENT_TRANSACTIONS (prepareFenceProducerEpoch)', () => {
    // Expected: the coordinator bumps the epoch to 1 and starts aborting partition 0's transaction.
    const state = withMetadata({ state: 'Ongoing', partitions: 1 });
    const handled = handleCoordinatorRequest(v1, state, 0, 0, { kind: 'InitProducerId' });
    expect(handled.response.error).toBe('ConcurrentTransactions');
    const fenced = handled.state.transactions[0]!;
    expect([fenced.producerEpoch, fenced.state]).toEqual([t.producerEpoch + 1, 'PrepareAbort']);
  });
});

describe('handleCoordinatorRequest: AddPartitionsToTxn and AddOffsetsToTxn', () => {
  const bumped = withMetadata({ producerEpoch: 1 });

  it('AddPartitionsToTxn of an older epoch is refused with PRODUCER_FENCED (TransactionCoordinator.handleAddPartitionsToTransaction)', () => {
    // Expected: epoch 0 against the coordinator's epoch 1.
    const request: CoordinatorRequest = {
      kind: 'AddPartitionsToTxn',
      producerId: pid,
      producerEpoch: 0,
      partitions: 1,
    };
    expect(handleCoordinatorRequest(v1, bumped, 0, 0, request).response.error).toBe('ProducerFenced');
  });

  it('AddOffsetsToTxn of an older epoch is PRODUCER_FENCED, and while markers are written CONCURRENT_TRANSACTIONS (handleAddPartitionsToTransaction)', () => {
    // Expected: fenced at epoch 0, told to retry while PrepareAbort at its own epoch.
    const old: CoordinatorRequest = { kind: 'AddOffsetsToTxn', producerId: pid, producerEpoch: 0 };
    expect(handleCoordinatorRequest(v1, bumped, 0, 0, old).response.error).toBe('ProducerFenced');
    const preparing = withMetadata({
      producerEpoch: 1,
      state: 'PrepareAbort',
      partitions: 1,
      pendingMarkers: [{ partition: 0, offset: -1, leaderEpoch: -1 }],
    });
    const current: CoordinatorRequest = { kind: 'AddOffsetsToTxn', producerId: pid, producerEpoch: 1 };
    expect(handleCoordinatorRequest(v1, preparing, 0, 0, current).response.error).toBe(
      'ConcurrentTransactions',
    );
  });
});

describe('handleCoordinatorRequest: EndTxn', () => {
  it('a retried EndTxn of a transaction already completed the same way succeeds (TransactionCoordinator.handleEndTransaction)', () => {
    // Expected: CompleteCommit at epoch 0 answers a commit of epoch 0 with NONE.
    const completed = withMetadata({ state: 'CompleteCommit' });
    expect(handleCoordinatorRequest(v1, completed, 0, 0, endTxn(0)).response.error).toBe('None');
  });

  it('an EndTxn of another PID or an older epoch is no retry of the completed transaction: PRODUCER_FENCED (handleEndTransaction)', () => {
    // Expected: both the other PID and epoch 0 against a completed epoch 1 are fenced.
    const completed = withMetadata({ state: 'CompleteCommit' });
    expect(handleCoordinatorRequest(v1, completed, 0, 0, endTxn(0, true, pid + 1)).response.error).toBe(
      'ProducerFenced',
    );
    const completedAt1 = withMetadata({ state: 'CompleteCommit', producerEpoch: 1 });
    expect(handleCoordinatorRequest(v1, completedAt1, 0, 0, endTxn(0)).response.error).toBe('ProducerFenced');
  });

  it('KIP-890 part 2: the retry of a completed EndTxn carries the epoch before the bump it caused (handleEndTransaction)', () => {
    // Expected: CompleteCommit at the bumped epoch 1 answers a commit of epoch 0 with NONE.
    const completed = withMetadata({ state: 'CompleteCommit', producerEpoch: 1 });
    expect(handleCoordinatorRequest(v2, completed, 0, 0, endTxn(0)).response.error).toBe('None');
  });

  it('EndTxn while the same outcome is being prepared is CONCURRENT_TRANSACTIONS; the other outcome, or no Ongoing transaction, INVALID_TXN_STATE (handleEndTransaction)', () => {
    // Expected: a commit during PrepareCommit is retried, an abort during PrepareCommit and a commit of an Empty transaction are refused.
    const preparing = withMetadata({
      state: 'PrepareCommit',
      partitions: 1,
      pendingMarkers: [{ partition: 0, offset: -1, leaderEpoch: -1 }],
    });
    expect(handleCoordinatorRequest(v1, preparing, 0, 0, endTxn(0, true)).response.error).toBe(
      'ConcurrentTransactions',
    );
    expect(handleCoordinatorRequest(v1, preparing, 0, 0, endTxn(0, false)).response.error).toBe(
      'InvalidTxnState',
    );
    expect(handleCoordinatorRequest(v1, ready, 0, 0, endTxn(0, true)).response.error).toBe('InvalidTxnState');
  });

  it('KIP-890 part 2: EndTxn bumps the producer epoch as the transaction moves to PrepareCommit (handleEndTransaction)', () => {
    // Expected: epoch 0 becomes 1 under version 2 and stays 0 under version 1.
    const ongoing = withMetadata({ state: 'Ongoing', partitions: 1 });
    const v2Handled = handleCoordinatorRequest(v2, ongoing, 0, 0, endTxn(0));
    expect([v2Handled.response.error, v2Handled.response.producerEpoch]).toEqual(['None', 1]);
    expect([v2Handled.state.transactions[0]!.state, v2Handled.state.transactions[0]!.producerEpoch]).toEqual([
      'PrepareCommit',
      1,
    ]);
    expect(handleCoordinatorRequest(v1, ongoing, 0, 0, endTxn(0)).state.transactions[0]!.producerEpoch).toBe(
      0,
    );
  });
});
