// What a partition's log says of a PID's transaction (Kafka's UnifiedLog.hasOngoingTransaction).
import { describe, expect, it } from 'vitest';
import type { LogBatch, Replica } from '../state.ts';
import { hasOngoingTransaction } from './log-view.ts';

const data: LogBatch = {
  baseOffset: 0,
  leaderEpoch: 0,
  producerId: 0,
  producerEpoch: 1,
  baseSequence: 0,
  records: [{ producer: 0, send: 0 }],
  transactional: true,
  control: null,
};
const replica: Replica = {
  broker: 0,
  log: [data],
  logEndOffset: 1,
  highWatermark: 0,
  flushedOffset: 0,
  leaderEpoch: 0,
};

describe('hasOngoingTransaction', () => {
  it('Kafka 4.0: the ongoing transaction must be of the asked epoch (UnifiedLog.hasOngoingTransaction(producerId, producerEpoch))', () => {
    // Expected: epoch 1 has its transaction open, epoch 2 starts a new one, and without an epoch any open transaction counts.
    expect(hasOngoingTransaction(replica, 0, 1)).toBe(true);
    expect(hasOngoingTransaction(replica, 0, 2)).toBe(false);
    expect(hasOngoingTransaction(replica, 0)).toBe(true);
  });

  it("only the PID's last batch counts, and a marker after its data closes the transaction (ProducerStateManager ongoing transactions)", () => {
    // Expected: another PID's later batch is skipped; a COMMIT marker or a non-transactional batch last means no ongoing transaction; an empty log has none.
    const other: LogBatch = { ...data, baseOffset: 1, producerId: 1, transactional: false };
    expect(hasOngoingTransaction({ ...replica, log: [data, other] }, 0)).toBe(true);
    const marker: LogBatch = { ...data, baseOffset: 1, records: [], control: 'COMMIT' };
    expect(hasOngoingTransaction({ ...replica, log: [data, marker] }, 0)).toBe(false);
    expect(hasOngoingTransaction({ ...replica, log: [{ ...data, transactional: false }] }, 0)).toBe(false);
    expect(hasOngoingTransaction({ ...replica, log: [] }, 0)).toBe(false);
  });
});
