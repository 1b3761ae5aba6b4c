// The downstream reader's Poll of a partition that holds an aborted transaction, on a forged state
// of a one-broker cluster: record 0 of producer 7's transaction at offset 0, its ABORT marker at 1.
import { describe, expect, it } from 'vitest';
import type { IsolationLevel, ModelConfig } from '../../config.ts';
import { step } from '../../machine.ts';
import { initialState, type LogBatch, type State } from '../../state.ts';
import { configWith, noFaults } from '../../testing.ts';

const data: LogBatch = {
  baseOffset: 0,
  leaderEpoch: 0,
  producerId: 7,
  producerEpoch: 0,
  baseSequence: 0,
  records: [{ producer: 0, send: 0 }],
  transactional: true,
  control: null,
};
const abort: LogBatch = { ...data, baseOffset: 1, baseSequence: -1, records: [], control: 'ABORT' };

function readerConfig(isolationLevel: IsolationLevel): ModelConfig {
  return configWith({
    brokers: 1,
    replicationFactor: 1,
    transactionalId: 'app',
    isolationLevel,
    faults: noFaults,
  });
}

function abortedOnLeader(config: ModelConfig): State {
  const start = initialState(config);
  const p = start.partitions[0]!;
  const leader = {
    ...p.replicas[0]!,
    log: [data, abort],
    logEndOffset: 2,
    highWatermark: 2,
    flushedOffset: 2,
  };
  return { ...start, partitions: [{ ...p, replicas: [leader] }] };
}

/** The reader's position and the offsets it has been returned, after one Poll. */
function polled(config: ModelConfig) {
  const reader = step(config, abortedOnLeader(config), { type: 'Poll', partition: 0 }).readers[0]!;
  return [reader.position, reader.returned.map((r) => r.offset)];
}

describe('downstream reader Poll (KIP-98 isolation.level)', () => {
  it('read_committed skips the records of an aborted transaction (Fetcher: aborted transaction index)', () => {
    // Expected: nothing returned, though the reader moves past the marker to 2.
    expect(polled(readerConfig('read_committed'))).toEqual([2, []]);
  });

  it('read_uncommitted returns the aborted record', () => {
    // Expected: the record at offset 0 is returned; the reader stands at 2.
    expect(polled(readerConfig('read_uncommitted'))).toEqual([2, [0]]);
  });
});
