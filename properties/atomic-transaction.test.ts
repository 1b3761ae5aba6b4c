// atomic-transaction judged on forged logs of a transaction that wrote record 0 to partition 0
// and record 1 to partition 1: committed, aborted or left unknown, its markers written on both
// partitions, on one, or on none.
import { describe, expect, it } from 'vitest';
import {
  type AttemptOutcome,
  type ControlType,
  initialState,
  type LogBatch,
  type ModelConfig,
  type State,
} from '../model/index.ts';
import { configWith, noFaults } from '../model/testing.ts';
import { atomicTransaction } from './atomic-transaction.ts';

const config = configWith({ transactionalId: 't1', partitions: 2, records: 2, faults: noFaults });
const ended = { quiescent: true, healSteps: 0 };

/** A batch of producer 0's send `send` (record `send`), transactional unless told. */
const data = (baseOffset: number, send: number, transactional = true): LogBatch => ({
  baseOffset,
  leaderEpoch: 0,
  producerId: 0,
  producerEpoch: 0,
  baseSequence: 0,
  records: [{ producer: 0, send }],
  transactional,
  control: null,
});
const marker = (baseOffset: number, control: ControlType): LogBatch => ({
  ...data(baseOffset, 0),
  records: [],
  control,
});
const committed = (send: number) => [data(0, send), marker(1, 'COMMIT')];
const aborted = (send: number) => [data(0, send), marker(1, 'ABORT')];
const open = (send: number) => [data(0, send)];

/**
 * Producer 0's sends of records 0 and 1 (one per partition) in attempt 0, which ended `outcome`;
 * each partition's leader holds the given log, all of it committed (high watermark at its end).
 */
function forged(cfg: ModelConfig, outcome: AttemptOutcome, logs: readonly LogBatch[][]): State {
  const start = initialState(cfg);
  const partitions = start.partitions.map((p, partition) => {
    const log = logs[partition] ?? [];
    const end = log.length;
    const replicas = p.replicas.map((r) =>
      r.broker === p.leader ? { ...r, log, logEndOffset: end, highWatermark: end, flushedOffset: end } : r,
    );
    return { ...p, replicas };
  });
  const send = (record: number) => ({
    record,
    partition: record,
    outcome: { status: 'acknowledged' as const, offset: 0 },
    attempt: 0,
  });
  return { ...start, partitions, sends: [[send(0), send(1)]], attempts: [[outcome]] };
}

const atEnd = (state: State) => atomicTransaction.atEnd!(config, state, ended);
const always = (state: State) => atomicTransaction.always!(config, state);

describe('atomic-transaction', () => {
  it('atomic-transaction: a committed transaction visible on both partitions, and an aborted one visible on neither, hold (KIP-98)', () => {
    // Expected: holds at the end and on every state, for both.
    for (const state of [
      forged(config, 'committed', [committed(0), committed(1)]),
      forged(config, 'aborted', [aborted(0), aborted(1)]),
    ]) {
      expect(atEnd(state)).toEqual({ holds: true });
      expect(always(state)).toEqual({ holds: true });
    }
  });

  it('atomic-transaction: a committed transaction whose marker reached only one partition is visible in part (KIP-98)', () => {
    // Expected: read_committed sees record 0 (COMMIT on partition 0) but not record 1 (still open on partition 1).
    const state = forged(config, 'committed', [committed(0), open(1)]);
    expect(atEnd(state)).toEqual({
      holds: false,
      message:
        'transaction attempt 0 of producer 0 (committed) is visible only in part: read_committed sees record 0 (partition 0) but not record 1 (partition 1)',
      evidence: {
        producer: 0,
        attempt: 0,
        outcome: 'committed',
        seen: [{ producer: 0, send: 0 }],
        missing: [{ producer: 0, send: 1 }],
      },
    });
    expect(always(state)).toEqual({ holds: true });
  });

  it('atomic-transaction: a transaction the application saw committed must be visible once faults stop', () => {
    // Expected: no marker anywhere, so read_committed sees neither record: named with both missing.
    expect(atEnd(forged(config, 'committed', [open(0), open(1)]))).toEqual({
      holds: false,
      message:
        'transaction attempt 0 of producer 0 was committed, but read_committed never sees record 0 (partition 0)',
      evidence: {
        producer: 0,
        attempt: 0,
        missing: [
          { producer: 0, send: 0 },
          { producer: 0, send: 1 },
        ],
      },
    });
  });

  it('atomic-transaction: a transaction whose end the application never learned may be visible whole or not at all, never in part', () => {
    // Expected: unknown holds when visible on both or on neither partition, and is named when visible on one.
    expect(atEnd(forged(config, 'unknown', [committed(0), committed(1)]))).toEqual({ holds: true });
    expect(atEnd(forged(config, 'unknown', [open(0), open(1)]))).toEqual({ holds: true });
    const judged = atEnd(forged(config, 'unknown', [open(0), committed(1)]));
    expect(judged).toEqual({
      holds: false,
      message:
        'transaction attempt 0 of producer 0 (unknown) is visible only in part: read_committed sees record 1 (partition 1) but not record 0 (partition 0)',
      evidence: {
        producer: 0,
        attempt: 0,
        outcome: 'unknown',
        seen: [{ producer: 0, send: 1 }],
        missing: [{ producer: 0, send: 0 }],
      },
    });
  });

  it('atomic-transaction: no record of a transaction the application saw aborted is ever visible to read_committed', () => {
    // Expected: the aborted attempt's record 0 behind a COMMIT marker is named, on every state and at the end.
    const state = forged(config, 'aborted', [committed(0), aborted(1)]);
    const violation = {
      holds: false,
      message:
        'record 0 (partition 0) was sent in transaction attempt 0, which the application saw aborted, yet read_committed sees it',
      evidence: { producer: 0, send: 0, attempt: 0 },
    };
    expect(always(state)).toEqual(violation);
    expect(atEnd(state)).toEqual(violation);
  });

  it('atomic-transaction: without transactional.id there is no transaction to judge', () => {
    // Expected: holds even when the ghost attempts would call a visible record aborted.
    const plain = configWith({ partitions: 2, records: 2, faults: noFaults });
    const state = forged(plain, 'aborted', [[data(0, 0, false)], [data(0, 1, false)]]);
    expect(state.transactions).toEqual([]);
    expect(atomicTransaction.always!(plain, state)).toEqual({ holds: true });
    expect(atomicTransaction.atEnd!(plain, state, ended)).toEqual({ holds: true });
  });
});
