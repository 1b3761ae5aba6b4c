/** The clients of connections as the network faults see them (clients.ts), and the reactions' trigger (reactions.ts). */
import { describe, expect, it } from 'vitest';
import { awaitedAnswers, awaitedCoordinatorRequests, awaitsAnswer } from './clients.ts';
import { react } from './reactions.ts';
import type { State } from './state.ts';
import { configWith, noFaults, runActions } from './testing.ts';

describe('clients', () => {
  it('awaitedCoordinatorRequests: only a running producer awaits its coordinator request; a stalled one awaits nothing', () => {
    // Expected: 1 while producer 0 waits on AddPartitionsToTxn to broker 0; 0 once it has stalled.
    const config = configWith({
      brokers: 1,
      replicationFactor: 1,
      records: 2,
      transactionalId: 'tx',
      faults: { ...noFaults, producerStall: 1 },
    });
    const p0 = { producer: 0 } as const;
    const waiting = runActions(config, [
      { type: 'SendInitProducerId', ...p0 },
      { type: 'HandleInitProducerId', ...p0, broker: 0, from: 'connection' },
      { type: 'HandleInitProducerIdResponse', ...p0, broker: 0 },
      { type: 'Send', ...p0 },
      { type: 'SendAddPartitionsToTxn', ...p0 },
    ]);
    expect(awaitedCoordinatorRequests(waiting, 0, 0)).toBe(1);
    expect(awaitsAnswer(waiting, 0, 0)).toBe(true);
    const stalled = runActions(config, [{ type: 'StallProducer', ...p0 }], waiting);
    expect(stalled.producers[0]!.transaction!.awaiting).toBe(0);
    expect(awaitedCoordinatorRequests(stalled, 0, 0)).toBe(0);
    expect(awaitedAnswers(stalled, 0, 0)).toBe(0);
  });
});

describe('reactions', () => {
  it('react: runs only when the step changed a partition or a connection', () => {
    // Expected: with partitions and connections untouched the state comes back as it is, even
    // where a high watermark could move; a changed partition gets its high watermark moved.
    const config = configWith({ brokers: 1, partitions: 1, replicationFactor: 1, faults: noFaults });
    const p0 = { producer: 0 } as const;
    const appended = runActions(config, [
      { type: 'Send', ...p0 },
      { type: 'InitProducerId', ...p0 },
      { type: 'SendProduce', ...p0, partition: 0 },
      { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
    ]);
    expect(appended.partitions[0]!.replicas[0]!.highWatermark).toBe(1);
    const p = appended.partitions[0]!;
    const behind: State = {
      ...appended,
      partitions: [{ ...p, replicas: [{ ...p.replicas[0]!, highWatermark: 0 }] }],
    };
    const producersOnly: State = { ...behind, nextProducerId: behind.nextProducerId + 1 };
    expect(react(config, behind, producersOnly)).toBe(producersOnly);
    expect(react(config, appended, behind).partitions[0]!.replicas[0]!.highWatermark).toBe(1);
  });
});
