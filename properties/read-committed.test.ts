// read-committed judged on a forged Poll: the leader's log before the poll, and the one record the
// reader returned. Aborted, open, and at-or-past-LSO records are each named with their reason.
import { describe, expect, it } from 'vitest';
import { type Action, type ControlType, initialState, type LogBatch, type State } from '../model/index.ts';
import { configWith, noFaults } from '../model/testing.ts';
import { readCommitted } from './read-committed.ts';

const config = configWith({
  transactionalId: 't1',
  isolationLevel: 'read_committed',
  records: 3,
  faults: noFaults,
});
const poll: Action = { type: 'Poll', partition: 0 };

/** A data batch of producer 0's sends (send i is record i), transactional with PID 0 or plain. */
const data = (baseOffset: number, sends: readonly number[], transactional: boolean): LogBatch => ({
  baseOffset,
  leaderEpoch: 0,
  producerId: transactional ? 0 : -1,
  producerEpoch: 0,
  baseSequence: 0,
  records: sends.map((send) => ({ producer: 0, send })),
  transactional,
  control: null,
});
const marker = (baseOffset: number, control: ControlType): LogBatch => ({
  ...data(baseOffset, [], true),
  control,
});

/** Before the poll: the leader (broker 0) holds `log` committed up to `highWatermark`. */
function leaderHolds(log: readonly LogBatch[], highWatermark: number): State {
  const start = initialState(config);
  const p = start.partitions[0]!;
  const end =
    log.length === 0 ? 0 : log[log.length - 1]!.baseOffset + Math.max(1, log[log.length - 1]!.records.length);
  const replicas = p.replicas.map((r, i) =>
    i === 0 ? { ...r, log, logEndOffset: end, highWatermark, flushedOffset: end } : r,
  );
  const send = (record: number) => ({
    record,
    partition: 0,
    outcome: { status: 'acknowledged' as const, offset: record },
    attempt: -1,
  });
  return { ...start, partitions: [{ ...p, replicas }], sends: [[send(0), send(1), send(2)]] };
}

/** After the poll: the reader returned producer 0's send `send` at `offset`. */
function returned(before: State, offset: number, send: number): State {
  return {
    ...before,
    readers: [{ position: offset + 1, returned: [{ offset, ref: { producer: 0, send } }] }],
  };
}

const judge = (before: State, after: State, action: Action = poll) =>
  readCommitted.everyStep!(config, before, action, after);

/** Records 0 and 1 outside any transaction, then record 2 in a transaction that aborted (KIP-98). */
const abortedLog = [data(0, [0, 1], false), data(2, [2], true), marker(3, 'ABORT')];

describe('read-committed', () => {
  it('read-committed: a record of an aborted transaction is never returned (KIP-98)', () => {
    // Expected: record 2 at offset 2, right after the two-record batch at 0..1, is named with its ABORT marker.
    const before = leaderHolds(abortedLog, 4);
    expect(judge(before, returned(before, 2, 2))).toEqual({
      holds: false,
      message:
        'the read_committed reader of partition 0 returned record 2 (partition 0) at offset 2, but its transaction was aborted (ABORT marker at offset 3)',
      evidence: { partition: 0, offset: 2, producer: 0, record: 2, isolationLevel: 'read_committed' },
    });
    expect(judge(before, returned(before, 1, 1))).toEqual({ holds: true });
  });

  it('read-committed: a transaction is open until its marker is below the high watermark (KIP-98)', () => {
    // Expected: with the COMMIT marker at offset 1 and the high watermark at 1, record 0 is still open; at 2 it is readable.
    const log = [data(0, [0], true), marker(1, 'COMMIT')];
    const uncommittedMarker = leaderHolds(log, 1);
    expect(judge(uncommittedMarker, returned(uncommittedMarker, 0, 0))).toEqual({
      holds: false,
      message:
        'the read_committed reader of partition 0 returned record 0 (partition 0) at offset 0, but its transaction is still open',
      evidence: { partition: 0, offset: 0, producer: 0, record: 0, isolationLevel: 'read_committed' },
    });
    const committed = leaderHolds(log, 2);
    expect(judge(committed, returned(committed, 0, 0))).toEqual({ holds: true });
  });

  it('read-committed: nothing at or past the last stable offset is returned, transactional or not', () => {
    // Expected: a plain record at offset 0 with the high watermark (so the LSO) at 0 is named; at 1 it holds.
    const log = [data(0, [0], false)];
    const uncommitted = leaderHolds(log, 0);
    expect(judge(uncommitted, returned(uncommitted, 0, 0))).toEqual({
      holds: false,
      message:
        'the read_committed reader of partition 0 returned record 0 (partition 0) at offset 0, but it is at or past the last stable offset 0',
      evidence: { partition: 0, offset: 0, producer: 0, record: 0, isolationLevel: 'read_committed' },
    });
    const committed = leaderHolds(log, 1);
    expect(judge(committed, returned(committed, 0, 0))).toEqual({ holds: true });
  });

  it('read-committed: only a Poll is judged, and not while the partition has no live leader to judge against', () => {
    // Expected: the aborted record returned under another step, or with the leader's broker down, holds.
    const before = leaderHolds(abortedLog, 4);
    const after = returned(before, 2, 2);
    expect(judge(before, after, { type: 'Fetch', partition: 0, broker: 1 })).toEqual({ holds: true });
    const leaderDown: State = { ...before, brokers: [{ up: false }, ...before.brokers.slice(1)] };
    expect(judge(leaderDown, returned(leaderDown, 2, 2))).toEqual({ holds: true });
  });
});
