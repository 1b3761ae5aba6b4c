// What an observer reads off a state, on forged states: whose log is the leader's, which records a
// log shows with and without the uncommitted tail, and which records are still on the wire.
import { describe, expect, it } from 'vitest';
import {
  type ControlType,
  initialState,
  type LogBatch,
  type RecordRef,
  type Request,
  type State,
} from '../model/index.ts';
import { configWith, noFaults, produceRequest } from '../model/testing.ts';
import { inTransit, leaderReplica, loggedRecords } from './observe.ts';

const data = (baseOffset: number, send: number, control: ControlType | null = null): LogBatch => ({
  baseOffset,
  leaderEpoch: 0,
  producerId: 0,
  producerEpoch: 0,
  baseSequence: 0,
  records: control === null ? [{ producer: 0, send }] : [],
  transactional: true,
  control,
});

const produce = (...records: RecordRef[]): Request => produceRequest(records);

describe('observe', () => {
  it('leaderReplica: a partition whose leader is null or on a broker that is down is offline', () => {
    // Expected: broker 0's replica while it is up; null once it is down, and null with no leader.
    const state = initialState(configWith({ faults: noFaults }));
    expect(leaderReplica(state, 0)).toBe(state.partitions[0]!.replicas[0]);
    const down: State = { ...state, brokers: [{ up: false }, ...state.brokers.slice(1)] };
    expect(leaderReplica(down, 0)).toBeNull();
    const noLeader: State = { ...state, partitions: [{ ...state.partitions[0]!, leader: null }] };
    expect(leaderReplica(noLeader, 0)).toBeNull();
  });

  it('loggedRecords: with transactions, records of an aborted transaction never count, committed or not (KIP-98)', () => {
    // Expected: all records: only send 1 at offset 2 (send 0 was aborted); committed only: none (send 1 is still open).
    const config = configWith({ transactionalId: 't1', records: 2, faults: noFaults });
    const start = initialState(config);
    const send = (record: number) => ({
      record,
      partition: 0,
      outcome: { status: 'pending' as const },
      attempt: 0,
    });
    const leader = {
      ...start.partitions[0]!.replicas[0]!,
      log: [data(0, 0), data(1, 0, 'ABORT'), data(2, 1)],
      logEndOffset: 3,
      highWatermark: 3,
    };
    const state: State = { ...start, sends: [[send(0), send(1)]] };
    expect(loggedRecords(state, leader, false)).toEqual([
      { offset: 2, ref: { producer: 0, send: 1 }, record: 1 },
    ]);
    expect(loggedRecords(state, leader, true)).toEqual([]);
  });

  it('inTransit: only a produce request carrying this producer’s record counts as the record on the wire', () => {
    // Expected: a coordinator request, another record of the producer, or another producer's record 0 is not producer 0's record 0.
    const config = configWith({ producers: 2, records: 2, faults: noFaults });
    const start = initialState(config);
    const send = (record: number) => ({
      record,
      partition: 0,
      outcome: { status: 'pending' as const },
      attempt: -1,
    });
    const on = (row0: readonly Request[], row1: readonly Request[]): State => {
      const c = start.connections;
      return {
        ...start,
        sends: [[send(0), send(1)], [send(0)]],
        connections: [
          [{ ...c[0]![0]!, requests: row0 }, ...c[0]!.slice(1)],
          [{ ...c[1]![0]!, orphans: row1 }, ...c[1]!.slice(1)],
        ],
      };
    };
    const coordinator: Request = {
      kind: 'AddPartitionsToTxn',
      producerId: 0,
      producerEpoch: 0,
      partitions: 1,
    };
    expect(inTransit(on([coordinator], []), 0, 0)).toBe(false);
    const record1 = on([coordinator, produce({ producer: 0, send: 1 })], []);
    expect(inTransit(record1, 0, 0)).toBe(false);
    expect(inTransit(record1, 0, 1)).toBe(true);
    const otherProducer = on([], [produce({ producer: 1, send: 0 })]);
    expect(inTransit(otherProducer, 0, 0)).toBe(false);
    expect(inTransit(otherProducer, 1, 0)).toBe(true);
  });
});
