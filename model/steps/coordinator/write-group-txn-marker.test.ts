// WriteTxnMarkers to the group coordinator (KIP-447, GroupMetadata.completePendingTxnOffsetCommit):
// an exactly-once instance (output producer 1) ends a transaction holding the group's offsets.
import { describe, expect, it } from 'vitest';
import { type Action, actionKey } from '../../action.ts';
import type { ModelConfig } from '../../config.ts';
import { enabled, step } from '../../machine.ts';
import type { State } from '../../state.ts';
import {
  configWith,
  eosAddsOffsets,
  eosProcessesFirstRecord,
  exactlyOnceConfig,
  noFaults,
  runActions,
} from '../../testing.ts';
import { type WriteGroupTxnMarkerAction, writeGroupTxnMarker } from './write-group-txn-marker.ts';

const config: ModelConfig = configWith({ ...exactlyOnceConfig(), faults: { ...noFaults, abort: 1 } });
const marker: WriteGroupTxnMarkerAction = { type: 'WriteGroupTxnMarker', producer: 1 };
const keys = (s: State) => enabled(config, s).map(actionKey);

/** The instance's offset 1 (of its one input partition) is pending in its transaction; it is about to commit or abort it. */
const offsetsPending = runActions(config, [
  ...eosProcessesFirstRecord,
  ...eosAddsOffsets,
  { type: 'TxnOffsetCommit', consumer: 0 },
]);

const p1 = { producer: 1, broker: 0 } as const;
/** The output record is written in the transaction: the client may send EndTxn(commit). */
const flushed: Action[] = [
  { type: 'SendAddPartitionsToTxn', producer: 1 },
  { type: 'HandleAddPartitionsToTxn', ...p1, from: 'connection' },
  { type: 'HandleAddPartitionsToTxnResponse', ...p1 },
  { type: 'SendProduce', producer: 1, partition: 1 },
  { type: 'HandleProduce', ...p1, from: 'connection' },
  { type: 'HandleProduceResponse', ...p1 },
];

/** The application ends the transaction and the coordinator prepares it (EndTxn handled). */
function prepared(end: readonly Action[]): State {
  return runActions(
    config,
    [...end, { type: 'SendEndTxn', producer: 1 }, { type: 'HandleEndTxn', ...p1, from: 'connection' }],
    offsetsPending,
  );
}

function writeAndTell(before: State) {
  expect(keys(before)).toContain(actionKey(marker));
  const after = step(config, before, marker);
  return { after, told: writeGroupTxnMarker.tell(config, before, marker, after) };
}

describe('WriteGroupTxnMarker', () => {
  it('only an application committing its offsets in transactions has group markers to write (KIP-447)', () => {
    // Expected: no candidates for an auto-committing group or without a group; one per producer for an exactly-once one.
    const auto = configWith({
      ...config,
      transactionalId: null,
      pipeline: { ...config.pipeline!, commit: 'auto' },
    });
    expect(writeGroupTxnMarker.candidates(auto)).toEqual([]);
    expect(writeGroupTxnMarker.candidates(configWith({ transactionalId: 'tx' }))).toEqual([]);
    expect(writeGroupTxnMarker.candidates(config)).toEqual([
      { type: 'WriteGroupTxnMarker', producer: 0 },
      marker,
    ]);
  });

  it("the COMMIT marker turns the pending offsets into the group's committed offsets (GroupMetadata.completePendingTxnOffsetCommit)", () => {
    // Expected: committed [1], nothing pending, the transaction no longer holds group offsets.
    const before = prepared([{ type: 'CommitTransaction', producer: 1 }, ...flushed]);
    expect(before.transactions[1]!.state).toBe('PrepareCommit');
    const { after, told } = writeAndTell(before);
    expect(after.pipeline!.group.committed).toEqual([1]);
    expect(after.pipeline!.group.pending).toEqual([]);
    expect(after.transactions[1]!.groupOffsets).toBe('none');
    expect(told).toEqual({
      actor: 'coordinator on broker 0',
      message:
        'WriteTxnMarkers: the group coordinator takes the COMMIT marker of PID 1 (epoch 0); its pending offsets are committed',
    });
  });

  it('the ABORT marker drops the pending offsets: the group keeps what it had committed (GroupMetadata.completePendingTxnOffsetCommit)', () => {
    // Expected: committed stays [-1], nothing pending; the story says ABORT and dropped.
    const before = prepared([{ type: 'AbortTransaction', producer: 1 }]);
    expect(before.transactions[1]!.state).toBe('PrepareAbort');
    const { after, told } = writeAndTell(before);
    expect(after.pipeline!.group.committed).toEqual([-1]);
    expect(after.pipeline!.group.pending).toEqual([]);
    expect(told).toEqual({
      actor: 'coordinator on broker 0',
      message:
        'WriteTxnMarkers: the group coordinator takes the ABORT marker of PID 1 (epoch 0); its pending offsets are dropped',
    });
  });
});
