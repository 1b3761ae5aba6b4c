// KAFKA-15591: the first-sequence rule of a leader whose partition is empty.
import { describe, expect, it } from 'vitest';
import type { ProducerBatch, Replica } from '../state.ts';
import { zeroOnEmptyLog } from './zero-on-empty-log.ts';

const empty: Replica = {
  broker: 0,
  log: [],
  logEndOffset: 0,
  highWatermark: 0,
  flushedOffset: 0,
  leaderEpoch: 0,
};
const batch = (baseSequence: number): ProducerBatch => ({
  partition: 0,
  records: [{ producer: 0, send: 0 }],
  producerId: 0,
  producerEpoch: 0,
  baseSequence,
  inRetry: false,
  sequenceReset: false,
  retriesLeft: null,
});

describe('zeroOnEmptyLog', () => {
  it("KAFKA-15591: an empty partition takes an unknown PID's first batch only from sequence 0, else OUT_OF_ORDER_SEQUENCE_NUMBER; a partition with data takes any (ProducerAppendInfo.checkSequence)", () => {
    // Expected: sequence 0 appends and sequence 1 is refused on the empty log; sequence 1 appends once the log has data.
    expect(zeroOnEmptyLog(empty, batch(0))).toBe('append');
    expect(zeroOnEmptyLog(empty, batch(1))).toBe('OutOfOrderSequence');
    expect(zeroOnEmptyLog({ ...empty, logEndOffset: 3 }, batch(1))).toBe('append');
  });
});
