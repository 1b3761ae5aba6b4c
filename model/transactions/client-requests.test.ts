// What the transactional producer waits for before it sends EndTxn (Kafka's
// TransactionManager and RecordAccumulator.hasIncomplete).
import { describe, expect, it } from 'vitest';
import type { Producer } from '../state.ts';
import { configWith, noFaults, runActions } from '../testing.ts';
import { flushed } from './client-requests.ts';

const p0 = { producer: 0 } as const;
const config = configWith({ brokers: 1, replicationFactor: 1, records: 1, faults: noFaults });
const sent = runActions(config, [
  { type: 'InitProducerId', ...p0 },
  { type: 'Send', ...p0 },
  { type: 'SendProduce', ...p0, partition: 0 },
]).producers[0]!;

function withExpired(client: Producer, expired: boolean): Producer {
  return { ...client, inFlight: client.inFlight.map((row) => row.map((f) => ({ ...f, expired }))) };
}

describe('flushed', () => {
  it('Kafka 3.9: a batch delivery.timeout.ms failed is no longer incomplete, though its request is still on the wire (RecordAccumulator.hasIncomplete)', () => {
    // Expected: the live request keeps the producer unflushed, the expired one does not.
    expect(flushed(withExpired(sent, false))).toBe(false);
    expect(flushed(withExpired(sent, true))).toBe(true);
  });

  it('the client without the wait (abort-in-flight=overtake) waits for no request in flight', () => {
    // Expected: a live request in flight does not keep it from being flushed.
    expect(flushed(withExpired(sent, false), false)).toBe(true);
  });
});
