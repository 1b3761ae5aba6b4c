import { describe, expect, it } from 'vitest';
import type { Action } from './action.ts';
import type { ProduceResponse } from './state.ts';
import { configWith, noFaults, runActions } from './testing.ts';

const p0 = { producer: 0 } as const;
const init: Action = { type: 'InitProducerId', ...p0 };
const send: Action = { type: 'Send', ...p0 };
const drain: Action = { type: 'SendProduce', ...p0, partition: 0 };
const handle = (broker: number, from: 'connection' | 'orphan' = 'connection'): Action => ({
  type: 'HandleProduce',
  ...p0,
  broker,
  from,
});
const respond = (broker: number): Action => ({ type: 'HandleProduceResponse', ...p0, broker });
const fetch = (broker: number): Action => ({ type: 'Fetch', partition: 0, broker });

describe('produce', () => {
  it('produce: acks=1: the leader answers as soon as it appends (acks=1, RF=3)', () => {
    // Expected: the record is acknowledged at offset 0 before any follower has it.
    const config = configWith({ acks: '1', enableIdempotence: false, faults: noFaults });
    const state = runActions(config, [send, drain, handle(0), respond(0)]);
    expect(state.sends[0]![0]!.outcome).toEqual({ status: 'acknowledged', offset: 0 });
    expect(state.partitions[0]!.replicas[1]!.logEndOffset).toBe(0);
  });

  it('produce: acks=all: the answer waits until the high watermark passes the batch (acks=all, RF=3)', () => {
    // Expected: no answer after the append; success once both followers have reported the record.
    const config = configWith({ faults: noFaults });
    const appended = runActions(config, [init, send, drain, handle(0)]);
    expect(appended.connections[0]![0]!.responses).toHaveLength(0);
    expect(appended.connections[0]![0]!.purgatory?.requiredOffset).toBe(1);
    const replicated = runActions(config, [fetch(1), fetch(2), fetch(1), fetch(2)], appended);
    expect(replicated.connections[0]![0]!.responses[0]).toMatchObject({ kind: 'Produce' });
    expect((replicated.connections[0]![0]!.responses[0] as ProduceResponse).result).toEqual({
      error: 'None',
      baseOffset: 0,
      duplicate: false,
    });
  });

  it('produce: min.insync.replicas: a leader alone in the ISR refuses acks=all (min.insync.replicas=2)', () => {
    // Expected: the first batch waits (Kafka 3.9 holds the high watermark under min ISR); its retry gets NotEnoughReplicas.
    const config = configWith({ minInsyncReplicas: 2, faults: { ...noFaults, isr: 2, network: 1 } });
    const state = runActions(config, [
      init,
      send,
      drain,
      handle(0),
      { type: 'ShrinkIsr', partition: 0, broker: 1 },
      { type: 'ShrinkIsr', partition: 0, broker: 2 },
      { type: 'RequestTimeout', ...p0, broker: 0 },
      drain,
      handle(0),
    ]);
    expect(state.partitions[0]!.replicas[0]!.highWatermark).toBe(0);
    expect(state.connections[0]![0]!.responses[0]).toMatchObject({ kind: 'Produce' });
    expect((state.connections[0]![0]!.responses[0] as ProduceResponse).result).toEqual({
      error: 'NotEnoughReplicas',
    });
    expect(state.partitions[0]!.replicas[0]!.logEndOffset).toBe(1);
  });

  it('produce: idempotence: a retried batch the leader already has is answered with its original offset', () => {
    // Expected: the retry is not appended again; the answer carries offset 0 (Kafka 3.9 answers NONE, not DUPLICATE_SEQUENCE_NUMBER).
    const config = configWith({ acks: 'all', faults: { ...noFaults, network: 1 } });
    const state = runActions(config, [
      init,
      send,
      drain,
      handle(0),
      { type: 'RequestTimeout', ...p0, broker: 0 },
      drain,
      fetch(1),
      fetch(2),
      fetch(1),
      fetch(2),
      handle(0),
    ]);
    expect(state.partitions[0]!.replicas[0]!.logEndOffset).toBe(1);
    expect(state.connections[0]![0]!.responses[0]).toMatchObject({ kind: 'Produce' });
    expect((state.connections[0]![0]!.responses[0] as ProduceResponse).result).toEqual({
      error: 'None',
      baseOffset: 0,
      duplicate: true,
    });
  });

  it('produce: idempotence off: the same retry is appended twice (enable.idempotence=false)', () => {
    // Expected: the log holds record 0 at offsets 0 and 1.
    const config = configWith({ enableIdempotence: false, faults: { ...noFaults, network: 1 } });
    const state = runActions(config, [
      send,
      drain,
      handle(0),
      { type: 'RequestTimeout', ...p0, broker: 0 },
      drain,
      handle(0),
    ]);
    expect(state.partitions[0]!.replicas[0]!.logEndOffset).toBe(2);
  });

  it('produce: retry order: a retried batch goes out only as the lowest sequence in flight', () => {
    // Expected: after a timeout fails both batches, only sequence 0 is sent; sequence 1 waits for its answer.
    const config = configWith({ faults: { ...noFaults, network: 2 }, batchSize: 1 });
    const state = runActions(config, [
      init,
      send,
      send,
      drain,
      drain,
      { type: 'LoseRequest', ...p0, broker: 0 },
      { type: 'RequestTimeout', ...p0, broker: 0 },
      drain,
    ]);
    const inFlight = state.producers[0]!.inFlight[0]!.map((f) => f.batch.baseSequence);
    expect(inFlight).toEqual([0]);
    expect(() => runActions(config, [drain], state)).toThrow(/not enabled/);
  });
});

describe('produce: ordering guarantee', () => {
  it('produce: max.in.flight=1: a partition stays muted while its batch is out, even towards a new leader', () => {
    // Expected: after the leader loses power with batch 0 on the wire, batch 1 cannot go to the new leader.
    const config = configWith({
      enableIdempotence: false,
      maxInFlightRequestsPerConnection: 1,
      batchSize: 1,
      faults: { ...noFaults, powerLoss: 1 },
    });
    const state = runActions(config, [
      send,
      send,
      drain,
      { type: 'CrashBroker', broker: 0, powerLoss: true },
      { type: 'ElectLeader', partition: 0, broker: 1 },
    ]);
    expect(() => runActions(config, [drain], state)).toThrow(/not enabled/);
  });
});
