// no-loss judged on a forged log of two producers that each sent their record 0: a record is
// found in the log only under its own producer.
import { describe, expect, it } from 'vitest';
import { initialState, type State } from '../model/index.ts';
import { configWith, noFaults } from '../model/testing.ts';
import { noLoss } from './no-loss.ts';

describe('no-loss', () => {
  it("no-loss: another producer's record with the same number does not stand in for an acknowledged record", () => {
    // Expected: producer 0's record 0 was acknowledged at offset 0; the log holds only producer 1's record 0, so it is named.
    const config = configWith({ producers: 2, faults: noFaults });
    const start = initialState(config);
    const acked = {
      record: 0,
      partition: 0,
      outcome: { status: 'acknowledged' as const, offset: 0 },
      attempt: -1,
    };
    const p = start.partitions[0]!;
    const log = [
      {
        baseOffset: 0,
        leaderEpoch: 0,
        producerId: 1,
        producerEpoch: 0,
        baseSequence: 0,
        records: [{ producer: 1, send: 0 }],
        transactional: false,
        control: null,
      },
    ];
    const state: State = {
      ...start,
      partitions: [{ ...p, replicas: [{ ...p.replicas[0]!, log, logEndOffset: 1 }, ...p.replicas.slice(1)] }],
      sends: [[acked], [acked]],
    };
    expect(noLoss.always!(config, state)).toEqual({
      holds: false,
      message:
        "producer 0's record 0 (partition 0) was acknowledged at offset 0, but the log of leader broker 0 (leader epoch 0) no longer has it",
      evidence: { producer: 0, send: 0, record: 0, partition: 0, leader: 0 },
    });
  });
});
