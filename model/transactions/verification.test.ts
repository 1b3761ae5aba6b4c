// The partition leader's transaction verification before a transactional batch starts a
// transaction on its partition (KIP-890: AddPartitionsToTxnManager under version 1, the implicit
// add of version 2), asked directly of verifyTransaction for a producer that has its PID.
import { describe, expect, it } from 'vitest';
import type { ProducerBatch, State, TransactionMetadata } from '../state.ts';
import {
  noFaults,
  oneBrokerTransactionConfig,
  produceRequest,
  runActions,
  txnProducerSendsFirstRecord,
  withTransactionVersion2,
} from '../testing.ts';
import { verifyTransaction } from './verification.ts';

const v1 = oneBrokerTransactionConfig(noFaults);
const v2 = withTransactionVersion2(v1);
const ready = runActions(v1, txnProducerSendsFirstRecord);
const t = ready.transactions[0]!;

function batch(fields: Partial<ProducerBatch> = {}): ProducerBatch {
  const pid = { producerId: t.producerId, producerEpoch: t.producerEpoch };
  return produceRequest([{ producer: 0, send: 0 }], { ...pid, ...fields }).batch;
}

function withMetadata(fields: Partial<TransactionMetadata>): State {
  return { ...ready, transactions: [{ ...t, ...fields }] };
}

const coordinatorDown: State = { ...ready, brokers: [{ up: false }] };

describe('verifyTransaction under transaction version 1 (KIP-890 part 1)', () => {
  it('a PID no transactional.id holds is fenced: INVALID_PRODUCER_EPOCH (TransactionCoordinator.handleVerifyPartitionsInTransaction)', () => {
    // Expected: PID 99 belongs to no transaction.
    expect(verifyTransaction(v1, ready, batch({ producerId: 99 }))).toEqual({
      error: 'InvalidProducerEpoch',
    });
  });

  it('an unreachable transaction coordinator is answered with NOT_ENOUGH_REPLICAS, which the producer retries (AddPartitionsToTxnManager)', () => {
    // Expected: the coordinator's broker is down.
    expect(verifyTransaction(v1, coordinatorDown, batch())).toEqual({ error: 'NotEnoughReplicas' });
  });

  it('a batch of another epoch than the coordinator has is PRODUCER_FENCED, answered as INVALID_PRODUCER_EPOCH (handleVerifyPartitionsInTransaction)', () => {
    // Expected: both a lower and a higher epoch than the coordinator's are refused.
    const ongoing = withMetadata({ state: 'Ongoing', partitions: 1, producerEpoch: 1 });
    expect(verifyTransaction(v1, ongoing, batch({ producerEpoch: 0 }))).toEqual({
      error: 'InvalidProducerEpoch',
    });
    expect(verifyTransaction(v1, ongoing, batch({ producerEpoch: 2 }))).toEqual({
      error: 'InvalidProducerEpoch',
    });
  });

  it('while the markers are written, CONCURRENT_TRANSACTIONS is answered as NOT_ENOUGH_REPLICAS (handleVerifyPartitionsInTransaction)', () => {
    // Expected: a PrepareCommit transaction holding the partition still refuses the batch.
    const preparing = withMetadata({ state: 'PrepareCommit', partitions: 1 });
    expect(verifyTransaction(v1, preparing, batch())).toEqual({ error: 'NotEnoughReplicas' });
  });

  it('a partition outside the Ongoing transaction is INVALID_TXN_STATE; inside it the batch passes (handleVerifyPartitionsInTransaction)', () => {
    // Expected: refused before AddPartitionsToTxn and for another partition, accepted for partition 0 in the transaction.
    expect(verifyTransaction(v1, ready, batch())).toEqual({ error: 'InvalidTxnState' });
    const ongoing = withMetadata({ state: 'Ongoing', partitions: 1 });
    expect(verifyTransaction(v1, ongoing, batch({ partition: 1 }))).toEqual({ error: 'InvalidTxnState' });
    expect(verifyTransaction(v1, ongoing, batch())).toEqual({ state: ongoing });
  });
});

describe('verifyTransaction under transaction version 2 (KIP-890 part 2)', () => {
  it('a PID no transactional.id holds is INVALID_PRODUCER_EPOCH and an unreachable coordinator NOT_ENOUGH_REPLICAS', () => {
    // Expected: the same first checks as under version 1.
    expect(verifyTransaction(v2, ready, batch({ producerId: 99 }))).toEqual({
      error: 'InvalidProducerEpoch',
    });
    expect(verifyTransaction(v2, coordinatorDown, batch())).toEqual({ error: 'NotEnoughReplicas' });
  });

  it('a batch of a lower epoch than the coordinator has is fenced with INVALID_PRODUCER_EPOCH; its own epoch passes (TransactionCoordinator.handleAddPartitionsToTransaction)', () => {
    // Expected: epoch 0 against the coordinator's epoch 1 is refused, epoch 1 is added.
    const bumped = withMetadata({ producerEpoch: 1 });
    expect(verifyTransaction(v2, bumped, batch({ producerEpoch: 0 }))).toEqual({
      error: 'InvalidProducerEpoch',
    });
    expect('state' in verifyTransaction(v2, bumped, batch({ producerEpoch: 1 }))).toBe(true);
  });

  it('while the markers are written the implicit add is refused with CONCURRENT_TRANSACTIONS (handleAddPartitionsToTransaction)', () => {
    // Expected: a PrepareAbort transaction refuses to take the partition.
    const preparing = withMetadata({ state: 'PrepareAbort', partitions: 1 });
    expect(verifyTransaction(v2, preparing, batch())).toEqual({ error: 'ConcurrentTransactions' });
  });

  it('the leader adds the partition to an Ongoing transaction itself, keeping the rest of its metadata (KIP-890 part 2)', () => {
    // Expected: the Empty transaction becomes Ongoing with partition 1 added to partition 0, PID and epoch unchanged.
    const started = withMetadata({ state: 'Ongoing', partitions: 1 });
    const verified = verifyTransaction(v2, ready, batch());
    expect('state' in verified && verified.state.transactions[0]).toEqual({
      ...t,
      state: 'Ongoing',
      partitions: 1,
    });
    const more = verifyTransaction(v2, started, batch({ partition: 1 }));
    expect('state' in more && more.state.transactions[0]).toEqual({ ...t, state: 'Ongoing', partitions: 3 });
  });
});
