/**
 * Footprints' bit layout and arithmetic (footprint.ts): which part of the state each bit stands
 * for, which bits a declared path names for an action, and the read/write sets built from them
 * that the sleep-set search compares. Small configurations, so every bit can be named.
 */
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from './config.ts';
import {
  addFootprint,
  bitNames,
  bitsOfPath,
  everything,
  footprintOf,
  type Layout,
  layoutOf,
  uncovered,
  writesAny,
} from './footprint.ts';
import { initialState } from './state.ts';
import { configWith, exactlyOnceConfig, noFaults } from './testing.ts';

/** One broker, one partition, one producer: 45 bits, two words. */
const tiny: ModelConfig = configWith({
  brokers: 1,
  partitions: 1,
  replicationFactor: 1,
  producers: 1,
  faults: noFaults,
});

/** Two brokers hosting one partition, two producers: every index has a second value. */
const pair: ModelConfig = configWith({
  brokers: 2,
  partitions: 1,
  replicationFactor: 2,
  producers: 2,
  faults: noFaults,
});

/** An exactly-once pipeline: transactions, readers and the pipeline have bits too. */
const pipelined: ModelConfig = exactlyOnceConfig();

const layout = (config: ModelConfig): Layout => layoutOf(config, initialState(config));

const FAULT_BITS = [
  'faultsUsed.abort',
  'faultsUsed.consumerCrash',
  'faultsUsed.consumerPause',
  'faultsUsed.coordinatorMove',
  'faultsUsed.crash',
  'faultsUsed.deliveryTimeout',
  'faultsUsed.groupCoordinatorMove',
  'faultsUsed.isr',
  'faultsUsed.network',
  'faultsUsed.powerLoss',
  'faultsUsed.producerRestart',
  'faultsUsed.producerStall',
  'faultsUsed.rebalance',
];

/** The names of the bits a path gives, for a layout. */
function named(config: ModelConfig, path: string, action: Readonly<Record<string, unknown>> = {}): string[] {
  const l = layout(config);
  const names = bitNames(l);
  return bitsOfPath(l, path, action).map((bit) => names[bit]!);
}

/** Reads and writes of a footprint, as bit numbers. */
function bitsOf(set: Uint32Array): { reads: number[]; writes: number[] } {
  return uncovered(new Uint32Array(set.length), set);
}

describe('footprint layout', () => {
  it('layout: a bit per field of each part in state order, one per nested replica field, one per array part, then nextProducerId and the budgets by name', () => {
    // Expected: the tiny configuration's 45 bits, in the order the explorer's bit sets use.
    const l = layout(tiny);
    expect(bitNames(l)).toEqual([
      'brokers[0].up',
      'brokers[0].(other)',
      'partitions[0].leader',
      'partitions[0].leaderEpoch',
      'partitions[0].isr',
      'partitions[0].replicas[0].broker',
      'partitions[0].replicas[0].log',
      'partitions[0].replicas[0].logEndOffset',
      'partitions[0].replicas[0].highWatermark',
      'partitions[0].replicas[0].flushedOffset',
      'partitions[0].replicas[0].leaderEpoch',
      'partitions[0].replicas[0].(other)',
      'partitions[0].followerEndOffsets',
      'partitions[0].(other)',
      'producers[0].status',
      'producers[0].producerId',
      'producers[0].producerEpoch',
      'producers[0].nextRecord',
      'producers[0].partitions',
      'producers[0].inFlight',
      'producers[0].transaction',
      'producers[0].(other)',
      'sends[0]',
      'attempts[0]',
      'connections[0][0].requests',
      'connections[0][0].purgatory',
      'connections[0][0].responses',
      'connections[0][0].requestsLost',
      'connections[0][0].responsesLost',
      'connections[0][0].orphans',
      'connections[0][0].(other)',
      'nextProducerId',
      ...FAULT_BITS,
    ]);
    expect(l.words).toBe(2);
    expect(l.nextProducerId).toBe(31);
    expect(l.pipeline).toBeNull();
    expect(l.faults.abort).toBe(32);
    expect(l.faults.rebalance).toBe(44);
    expect(l.arrays.sends).toEqual([{ fields: null, nested: null, other: 22 }]);
    expect(l.arrays.brokers).toEqual([{ fields: new Map([['up', 0]]), nested: null, other: 1 }]);
  });

  it('layout: transactions, readers, every partition and connection, and the pipeline each get their bits', () => {
    // Expected: 102 bits (4 words); the pipeline's group, instances and sink after the connections.
    const l = layout(pipelined);
    const names = bitNames(l);
    expect(names).toHaveLength(102);
    expect(l.words).toBe(4);
    expect(names.slice(44, 53)).toEqual([
      'transactions[0].producerId',
      'transactions[0].producerEpoch',
      'transactions[0].state',
      'transactions[0].partitions',
      'transactions[0].pendingMarkers',
      'transactions[0].coordinator',
      'transactions[0].coordinatorEpoch',
      'transactions[0].groupOffsets',
      'transactions[0].(other)',
    ]);
    expect(names.slice(62, 70)).toEqual([
      'readers[0].position',
      'readers[0].returned',
      'readers[0].(other)',
      'readers[1].position',
      'readers[1].returned',
      'readers[1].(other)',
      'attempts[0]',
      'attempts[1]',
    ]);
    expect(names.slice(77, 91)).toEqual([
      'connections[1][0].requests',
      'connections[1][0].purgatory',
      'connections[1][0].responses',
      'connections[1][0].requestsLost',
      'connections[1][0].responsesLost',
      'connections[1][0].orphans',
      'connections[1][0].(other)',
      'pipeline.group',
      'pipeline.instances',
      'pipeline.sink',
      'pipeline.(other)',
      'nextProducerId',
      'faultsUsed.abort',
      'faultsUsed.consumerCrash',
    ]);
    expect(names.slice(14, 26)).toEqual([
      'partitions[1].leader',
      'partitions[1].leaderEpoch',
      'partitions[1].isr',
      'partitions[1].replicas[0].broker',
      'partitions[1].replicas[0].log',
      'partitions[1].replicas[0].logEndOffset',
      'partitions[1].replicas[0].highWatermark',
      'partitions[1].replicas[0].flushedOffset',
      'partitions[1].replicas[0].leaderEpoch',
      'partitions[1].replicas[0].(other)',
      'partitions[1].followerEndOffsets',
      'partitions[1].(other)',
    ]);
  });

  it('layout: one layout per configuration, computed once (the parts never change in number)', () => {
    // Expected: the same object for the same configuration; a fresh one for an equal copy of it.
    const l = layout(pair);
    expect(layoutOf(pair, initialState(pair))).toBe(l);
    expect(layoutOf({ ...pair }, initialState(pair))).not.toBe(l);
    expect(layoutOf({ ...pair }, initialState(pair))).toEqual(l);
  });
});

describe('footprint paths', () => {
  it('paths: an index written with an action field picks that element; `*` or no index takes every one', () => {
    // Expected: connections[1][0] for producer 1 and broker 0; both brokers for `*` and for none.
    expect(named(pair, 'connections[producer][broker].requests', { producer: 1, broker: 0 })).toEqual([
      'connections[1][0].requests',
    ]);
    expect(named(pair, 'connections[*][broker].orphans', { broker: 1 })).toEqual([
      'connections[0][1].orphans',
      'connections[1][1].orphans',
    ]);
    expect(named(pair, 'connections[producer].requestsLost', { producer: 0 })).toEqual([
      'connections[0][0].requestsLost',
      'connections[0][1].requestsLost',
    ]);
    expect(named(pair, 'connections.responsesLost')).toEqual([
      'connections[0][0].responsesLost',
      'connections[0][1].responsesLost',
      'connections[1][0].responsesLost',
      'connections[1][1].responsesLost',
    ]);
    expect(named(pair, 'brokers[broker].up', { broker: 1 })).toEqual(['brokers[1].up']);
    expect(named(pair, 'brokers.up')).toEqual(['brokers[0].up', 'brokers[1].up']);
    expect(named(pair, 'sends[producer]', { producer: 1 })).toEqual(['sends[1]']);
  });

  it('paths: a nested part is indexed by its own field (a replica by position), every replica by default', () => {
    // Expected: replica 1's log for index 1; both replicas' logs for `*` and for no index.
    expect(named(pair, 'partitions[partition].replicas[broker].log', { partition: 0, broker: 1 })).toEqual([
      'partitions[0].replicas[1].log',
    ]);
    expect(named(pair, 'partitions[*].replicas[*].log')).toEqual([
      'partitions[0].replicas[0].log',
      'partitions[0].replicas[1].log',
    ]);
    expect(named(pair, 'partitions.replicas.highWatermark')).toEqual([
      'partitions[0].replicas[0].highWatermark',
      'partitions[0].replicas[1].highWatermark',
    ]);
  });

  it('paths: a path that names a whole part takes all its fields, its other bit and its nested parts', () => {
    // Expected: broker 1's two bits; partition 0's 20 bits with both replicas'; the array part's one bit.
    expect(named(pair, 'brokers[broker]', { broker: 1 })).toEqual(['brokers[1].up', 'brokers[1].(other)']);
    expect(bitsOfPath(layout(pair), 'partitions[partition]', { partition: 0 })).toEqual([
      4, 5, 6, 21, 22, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
    ]);
    expect(named(pair, 'attempts[producer]', { producer: 0 })).toEqual(['attempts[0]']);
  });

  it('paths: an action index outside the array names nothing', () => {
    // Expected: no bit for broker 2 or -1 of two brokers; broker 1 (the last) still has its bit.
    const l = layout(pair);
    expect(bitsOfPath(l, 'brokers[broker].up', { broker: 2 })).toEqual([]);
    expect(bitsOfPath(l, 'brokers[broker].up', { broker: -1 })).toEqual([]);
    expect(bitsOfPath(l, 'brokers[broker].up', { broker: 1 })).toEqual([2]);
    expect(bitsOfPath(l, 'brokers[broker].up', { broker: 0 })).toEqual([0]);
  });

  it('paths: nextProducerId and a fault budget are one bit each', () => {
    // Expected: bit 71 for the next PID and 76 for the crash budget in the two-broker layout.
    const l = layout(pair);
    expect(bitsOfPath(l, 'nextProducerId', {})).toEqual([71]);
    expect(bitsOfPath(l, 'faultsUsed.crash', {})).toEqual([76]);
    expect(bitsOfPath(l, 'faultsUsed.rebalance', {})).toEqual([84]);
  });

  it('paths: pipeline paths name the pipeline bits, and nothing without a pipeline', () => {
    // Expected: pipeline.group is bit 84 of the pipelined layout; the tiny layout has none.
    expect(bitsOfPath(layout(pipelined), 'pipeline.group', {})).toEqual([84]);
    expect(bitsOfPath(layout(pipelined), 'pipeline', {})).toEqual([84, 85, 86, 87]);
    expect(bitsOfPath(layout(tiny), 'pipeline.group', {})).toEqual([]);
    expect(named(pipelined, 'transactions[producer].pendingMarkers', { producer: 1 })).toEqual([
      'transactions[1].pendingMarkers',
    ]);
    expect(named(pipelined, 'readers[partition]', { partition: 1 })).toEqual([
      'readers[1].position',
      'readers[1].returned',
      'readers[1].(other)',
    ]);
  });

  it('paths: a path the state or the action cannot answer is an error naming it', () => {
    // Expected: a RangeError for each malformed path, with its message.
    const l = layout(pair);
    const fails =
      (path: string, action: Readonly<Record<string, unknown>> = {}) =>
      () =>
        bitsOfPath(l, path, action);
    expect(fails('brokers[broker].up')).toThrow(
      new RangeError('footprint path brokers[broker].up: the action has no field broker'),
    );
    expect(fails('brokers[broker].up', { broker: '0' })).toThrow(
      new RangeError('footprint path brokers[broker].up: the action has no field broker'),
    );
    expect(fails('widgets[*]')).toThrow(
      new RangeError('footprint path widgets[*]: the state has no widgets'),
    );
    expect(fails('brokers[*].down')).toThrow(new RangeError('footprint path brokers[*].down: no field down'));
    expect(fails('brokers[*].up.deep')).toThrow(
      new RangeError('footprint path brokers[*].up.deep: no field up'),
    );
    expect(fails('brokers[*].up[*]')).toThrow(new RangeError('footprint path brokers[*].up[*]: no field up'));
    expect(fails('sends[*].head')).toThrow(new RangeError('footprint path sends[*].head: no field head'));
    expect(fails('faultsUsed.hunger')).toThrow(
      new RangeError('footprint path faultsUsed.hunger: no fault budget hunger'),
    );
    expect(fails('faultsUsed')).toThrow(
      new RangeError('footprint path faultsUsed: no fault budget undefined'),
    );
    expect(fails('$brokers')).toThrow(new RangeError('footprint path $brokers: cannot read $brokers'));
    expect(fails('brokers[*]x')).toThrow(
      new RangeError('footprint path brokers[*]x: cannot read brokers[*]x'),
    );
    expect(fails('brokers.up-x')).toThrow(new RangeError('footprint path brokers.up-x: cannot read up-x'));
  });
});

describe('footprint sets', () => {
  it('footprintOf: reads in the first words, writes in the last, and every write is a read too', () => {
    // Expected: brokers[0].up read (bit 0); nextProducerId (31) and the crash budget (36) read and written.
    const l = layout(tiny);
    const set = footprintOf(
      l,
      { reads: ['brokers[*].up'], writes: ['nextProducerId', 'faultsUsed.crash'] },
      {},
    );
    expect(Array.from(set)).toEqual([0x80000001, 0x10, 0x80000000, 0x10]);
    expect(bitsOf(set)).toEqual({ reads: [0, 31, 36], writes: [31, 36] });
  });

  it('everything: a step without a footprint reads and writes every bit', () => {
    // Expected: two words of reads and two of writes, all ones.
    expect(Array.from(everything(layout(tiny)))).toEqual([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]);
  });

  it('addFootprint: adds the extra bits to the set, word by word', () => {
    // Expected: the union of the two sets, in place.
    const set = new Uint32Array([1, 0, 8, 0]);
    addFootprint(set, new Uint32Array([2, 0, 8, 4]));
    expect(Array.from(set)).toEqual([3, 0, 8, 4]);
  });

  it('writesAny: whether the set writes one of the bits, reads alone not counting', () => {
    // Expected: the crash budget written counts; read only, it does not; one written bit among others is enough.
    const l = layout(tiny);
    const writes = footprintOf(l, { reads: [], writes: ['faultsUsed.crash'] }, {});
    const reads = footprintOf(l, { reads: ['faultsUsed.crash', 'brokers[*].up'], writes: [] }, {});
    expect(writesAny(l, writes, [36])).toBe(true);
    expect(writesAny(l, writes, [0, 36])).toBe(true);
    expect(writesAny(l, writes, [0])).toBe(false);
    expect(writesAny(l, reads, [36])).toBe(false);
    expect(writesAny(l, reads, [0])).toBe(false);
  });

  it('uncovered: the measured reads and writes a declaration lacks, bit by bit', () => {
    // Expected: reads 2, 31, 40 and writes 0, 31, 39 are missing; what is declared is not reported.
    const l = layout(tiny);
    const declared = footprintOf(
      l,
      { reads: ['brokers[*].up', 'faultsUsed.isr'], writes: ['faultsUsed.crash'] },
      {},
    );
    const measured = footprintOf(
      l,
      {
        reads: ['partitions[*].leader', 'faultsUsed.network'],
        writes: ['brokers[*].up', 'nextProducerId', 'faultsUsed.crash', 'faultsUsed.isr'],
      },
      {},
    );
    expect(uncovered(declared, measured)).toEqual({ reads: [2, 31, 40], writes: [0, 31, 39] });
    expect(uncovered(measured, declared)).toEqual({ reads: [], writes: [] });
  });
});
