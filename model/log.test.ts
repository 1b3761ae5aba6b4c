import { describe, expect, it } from 'vitest';
import { appendBatches, divergenceOffset, producerEntry, truncateTo } from './log.ts';
import type { LogBatch, Replica } from './state.ts';
import { configWith } from './testing.ts';

const empty: Replica = {
  broker: 0,
  log: [],
  logEndOffset: 0,
  highWatermark: 0,
  flushedOffset: 0,
  leaderEpoch: 0,
};

function batch(
  baseOffset: number,
  leaderEpoch: number,
  records: number,
  baseSequence = -1,
  producerId = -1,
): LogBatch {
  return {
    baseOffset,
    leaderEpoch,
    producerId,
    producerEpoch: producerId < 0 ? -1 : 0,
    baseSequence,
    records: Array.from({ length: records }, (_, i) => ({ producer: 0, send: baseOffset + i })),
    transactional: false,
    control: null,
  };
}

describe('log', () => {
  it('log: append: the flushed prefix moves only per flush.messages (default never)', () => {
    // Expected: the default leaves everything in the page cache; flush.messages=1 flushes every append.
    const config = configWith({});
    const appended = appendBatches(config, empty, [batch(0, 0, 2)]);
    expect(appended.logEndOffset).toBe(2);
    expect(appended.flushedOffset).toBe(0);
    const flushed = appendBatches(configWith({ flushMessages: 1 }), empty, [batch(0, 0, 2)]);
    expect(flushed.flushedOffset).toBe(2);
  });

  it('log: truncate: high watermark and flushed prefix follow the log end down', () => {
    // Expected: truncating below the high watermark pulls it down with the log end offset.
    const replica: Replica = {
      ...empty,
      log: [batch(0, 0, 1), batch(1, 0, 2)],
      logEndOffset: 3,
      highWatermark: 3,
      flushedOffset: 3,
    };
    const truncated = truncateTo(replica, 1);
    expect(truncated.log).toHaveLength(1);
    expect([truncated.logEndOffset, truncated.highWatermark, truncated.flushedOffset]).toEqual([1, 1, 1]);
  });

  it('log: divergence: logs agree up to the first batch whose leader epoch differs', () => {
    // Expected: the OffsetsForLeaderEpoch exchange ends at offset 1, where epoch 0 and epoch 1 part ways.
    const follower: Replica = { ...empty, log: [batch(0, 0, 1), batch(1, 0, 1)], logEndOffset: 2 };
    const leader: Replica = {
      ...empty,
      log: [batch(0, 0, 1), batch(1, 1, 1), batch(2, 1, 1)],
      logEndOffset: 3,
    };
    expect(divergenceOffset(follower, leader)).toBe(1);
    expect(divergenceOffset(leader, leader)).toBe(3);
  });

  it('log: producer state: the last five batches of the newest epoch, rebuilt from the log', () => {
    // Expected: seven batches of PID 7 leave sequences 2..6 in the cache, as Kafka's NUM_BATCHES_TO_RETAIN.
    const log = Array.from({ length: 7 }, (_, i) => batch(i, 0, 1, i, 7));
    const entry = producerEntry({ ...empty, log, logEndOffset: 7 }, 7);
    expect(entry?.batches.map((b) => b.baseSequence)).toEqual([2, 3, 4, 5, 6]);
    expect(producerEntry({ ...empty, log, logEndOffset: 7 }, 8)).toBeNull();
  });

  it('log: append: flush.messages=n flushes once n records sit above the flushed prefix, counted from it', () => {
    // Expected: 2 new records with flush.messages=2 flush; 1 new record above a flushed 2 does not.
    const config = configWith({ flushMessages: 2 });
    expect(appendBatches(config, empty, [batch(0, 0, 2)]).flushedOffset).toBe(2);
    const flushedTwo: Replica = { ...empty, log: [batch(0, 0, 2)], logEndOffset: 2, flushedOffset: 2 };
    const third = appendBatches(config, flushedTwo, [batch(2, 0, 1)]);
    expect([third.logEndOffset, third.flushedOffset]).toEqual([3, 2]);
  });

  it('log: truncate: at or above the log end nothing is removed and the replica comes back as it is', () => {
    // Expected: the very replica for offsets 3 and 4 of a three-record log.
    const replica: Replica = {
      ...empty,
      log: [batch(0, 0, 1), batch(1, 0, 2)],
      logEndOffset: 3,
      highWatermark: 3,
    };
    expect(truncateTo(replica, 3)).toBe(replica);
    expect(truncateTo(replica, 4)).toBe(replica);
  });

  it('log: divergence: batches agree only at the same base offset with the same epoch', () => {
    // Expected: offset 1, where the follower's second batch starts at 1 and the leader's at 2, though all are epoch 0.
    const follower: Replica = { ...empty, log: [batch(0, 0, 1), batch(1, 0, 1)], logEndOffset: 2 };
    const leader: Replica = { ...empty, log: [batch(0, 0, 2), batch(2, 0, 1)], logEndOffset: 3 };
    expect(divergenceOffset(follower, leader)).toBe(1);
  });
});
