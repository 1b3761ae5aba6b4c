// The producer's per-partition bookkeeping of what it has sent (Kafka's RecordAccumulator and
// TransactionManager in-flight tracking).
import { describe, expect, it } from 'vitest';
import { configWith, noFaults, runActions } from '../testing.ts';
import { hasInFlight, producerAt } from './bookkeeping.ts';

const p0 = { producer: 0 } as const;

describe('hasInFlight', () => {
  it('a request in flight counts for its own partition only (RecordAccumulator.hasIncomplete per partition)', () => {
    // Expected: with partition 0's batch on the wire, partition 0 has a request in flight and partition 1 none.
    const config = configWith({
      brokers: 1,
      replicationFactor: 1,
      partitions: 2,
      records: 1,
      faults: noFaults,
    });
    const state = runActions(config, [
      { type: 'InitProducerId', ...p0 },
      { type: 'Send', ...p0 },
      { type: 'SendProduce', ...p0, partition: 0 },
    ]);
    const client = state.producers[0]!;
    expect([hasInFlight(client, 0), hasInFlight(client, 1)]).toEqual([true, false]);
  });

  it('a producer slot the state does not have is a RangeError naming it', () => {
    // Expected: one producer, so slot 9 is refused.
    const config = configWith({ faults: noFaults });
    expect(() => producerAt(runActions(config, []), 9)).toThrow('no producer 9');
  });
});
