// Leadership of the transactional.id's __transaction_state partition moves (TransactionStateManager
// loading a partition as a new coordinator), and the WriteTxnMarkers the coordinator writes for a
// prepared transaction. Two brokers: partition 0 led by broker 0, the coordinator on broker 1.
import { describe, expect, it } from 'vitest';
import { type Action, actionKey } from '../../action.ts';
import type { ModelConfig } from '../../config.ts';
import { enabled, step } from '../../machine.ts';
import { initialState, type State } from '../../state.ts';
import { configWith, noFaults, runActions } from '../../testing.ts';
import {
  type MoveTransactionCoordinatorAction,
  moveTransactionCoordinator,
} from './move-transaction-coordinator.ts';
import type { WriteTxnMarkersAction } from './write-txn-markers.ts';

const config: ModelConfig = configWith({
  brokers: 2,
  replicationFactor: 2,
  transactionalId: 'tx',
  records: 2,
  transactionRecords: 2,
  faults: { ...noFaults, abort: 1, crash: 1, coordinatorMove: 1 },
});
const p0 = { producer: 0 } as const;
const move: MoveTransactionCoordinatorAction = { type: 'MoveTransactionCoordinator', ...p0 };
const writeMarker: WriteTxnMarkersAction = { type: 'WriteTxnMarkers', ...p0, partition: 0 };
const keys = (s: State) => enabled(config, s).map(actionKey);
const crash = (broker: number): Action => ({ type: 'CrashBroker', broker, powerLoss: false });

/** The application aborted its transaction on partition 0; the coordinator (broker 1) is in PrepareAbort. */
const prepareAbort = runActions(config, [
  { type: 'SendInitProducerId', ...p0 },
  { type: 'HandleInitProducerId', ...p0, broker: 1, from: 'connection' },
  { type: 'HandleInitProducerIdResponse', ...p0, broker: 1 },
  { type: 'Send', ...p0 },
  { type: 'Send', ...p0 },
  { type: 'SendAddPartitionsToTxn', ...p0 },
  { type: 'HandleAddPartitionsToTxn', ...p0, broker: 1, from: 'connection' },
  { type: 'HandleAddPartitionsToTxnResponse', ...p0, broker: 1 },
  { type: 'AbortTransaction', ...p0 },
  { type: 'SendEndTxn', ...p0 },
  { type: 'HandleEndTxn', ...p0, broker: 1, from: 'connection' },
]);

describe('MoveTransactionCoordinator', () => {
  it('a new coordinator loads a prepared transaction at a higher coordinator epoch and writes its markers again (TransactionMarkerChannelManager, KIP-98)', () => {
    // Expected: the ABORT marker written at offset 0 (not yet replicated) is pending again (offset -1, leader epoch -1) at broker 0, coordinator epoch 1.
    const written = step(config, prepareAbort, writeMarker);
    expect(written.transactions[0]!.pendingMarkers).toEqual([{ partition: 0, offset: 0, leaderEpoch: 0 }]);
    expect(keys(written)).toContain(actionKey(move));
    const after = step(config, written, move);
    const t = after.transactions[0]!;
    expect([t.coordinator, t.coordinatorEpoch, t.state]).toEqual([0, 1, 'PrepareAbort']);
    expect(t.pendingMarkers).toEqual([{ partition: 0, offset: -1, leaderEpoch: -1 }]);
    expect(moveTransactionCoordinator.tell(config, written, move, after)).toEqual({
      actor: 'coordinator on broker 0',
      message:
        'takes over transactional.id 0 from broker 1 at coordinator epoch 1; loads it PrepareAbort and writes its markers again',
    });
  });

  it('a new coordinator of a transactional.id with no markers to write just loads it (TransactionStateManager.loadTransactionsForTxnTopicPartition)', () => {
    // Expected: from broker 1 to broker 0; Empty, the story mentions no markers.
    const ongoing = initialState(config);
    const after = step(config, ongoing, move);
    expect(moveTransactionCoordinator.tell(config, ongoing, move, after)).toEqual({
      actor: 'coordinator on broker 0',
      message: 'takes over transactional.id 0 from broker 1 at coordinator epoch 1; loads it Empty',
    });
  });

  it('on a one-broker cluster the transaction coordinator has nowhere to move', () => {
    // Expected: MoveTransactionCoordinator is never enabled, budget notwithstanding.
    const one = configWith({ ...config, brokers: 1, replicationFactor: 1 });
    expect(enabled(one, initialState(one)).map(actionKey)).not.toContain(actionKey(move));
  });
});

describe('WriteTxnMarkers', () => {
  it('the coordinator writes a marker only while it is up and the partition has a live leader (TransactionMarkerChannelManager)', () => {
    // Expected: enabled in PrepareAbort; not once the coordinator's broker 1 is down; not once partition 0's leader, broker 0, is down.
    expect(keys(prepareAbort)).toContain(actionKey(writeMarker));
    expect(keys(runActions(config, [crash(1)], prepareAbort))).not.toContain(actionKey(writeMarker));
    expect(keys(runActions(config, [crash(0)], prepareAbort))).not.toContain(actionKey(writeMarker));
  });
});
