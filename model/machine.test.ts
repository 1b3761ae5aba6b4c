import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionKey } from './action.ts';
import type { FaultBudget, ModelConfig } from './config.ts';
import { bitNames, layoutOf, uncovered } from './footprint.ts';
import {
  candidatesOf,
  enabled,
  footprintsOf,
  healEnabled,
  isEnabled,
  onlyFaultsEnabled,
  step,
  stepModule,
} from './machine.ts';
import { initialState, type State } from './state.ts';

import { configWith, noFaults, runActions } from './testing.ts';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Structural facts every reachable state keeps, whatever the schedule. */
function wellFormed(state: State): void {
  for (const p of state.partitions) {
    expect(p.isr.length).toBeGreaterThan(0);
    if (p.leader !== null) expect(p.isr).toContain(p.leader);
    for (const r of p.replicas) {
      const end = r.log.reduce((offset, b) => {
        expect(b.baseOffset).toBe(offset);
        return offset + b.records.length;
      }, 0);
      expect(r.logEndOffset).toBe(end);
      expect(r.highWatermark).toBeLessThanOrEqual(r.logEndOffset);
      expect(r.flushedOffset).toBeLessThanOrEqual(r.logEndOffset);
    }
  }
}

const faults = fc.record<FaultBudget>({
  crash: fc.nat(2),
  powerLoss: fc.nat(1),
  network: fc.nat(3),
  deliveryTimeout: fc.nat(2),
  isr: fc.nat(1),
  producerRestart: fc.nat(1),
  abort: fc.constant(0),
  producerStall: fc.constant(0),
  coordinatorMove: fc.constant(0),
  consumerCrash: fc.constant(0),
  consumerPause: fc.constant(0),
  rebalance: fc.constant(0),
  groupCoordinatorMove: fc.constant(0),
});

const scenario = fc.record({
  acks: fc.constantFrom('0' as const, '1' as const, 'all' as const),
  enableIdempotence: fc.boolean(),
  partitions: fc.integer({ min: 1, max: 2 }),
  producers: fc.integer({ min: 1, max: 2 }),
  onFailure: fc.constantFrom('give-up' as const, 'resend' as const),
  faults,
});

describe('step', () => {
  it('step: random walks: every enabled action steps, leaves its input untouched, and keeps states well formed', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.nat(), { maxLength: 60 }), (overrides, choices) => {
        // Expected: step is total over enabled actions and pure; every state is plain, serialisable data.
        const config = configWith({
          ...overrides,
          enableIdempotence: overrides.acks === 'all' && overrides.enableIdempotence,
        });
        let state = deepFreeze(initialState(config));
        for (const choice of choices) {
          const actions = enabled(config, state);
          if (actions.length === 0) break;
          const next = step(config, state, actions[choice % actions.length]!);
          wellFormed(next);
          state = deepFreeze(next);
        }
        for (let i = 0; i < 400; i++) {
          const actions = healEnabled(config, state, i > 200);
          if (actions.length === 0) break;
          state = deepFreeze(step(config, state, actions[0]!));
        }
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      }),
      { seed: 1, numRuns: 200 },
    );
  });
});

/** Two brokers hosting one partition, two producers, no faults. */
const pair: ModelConfig = configWith({
  brokers: 2,
  partitions: 1,
  replicationFactor: 2,
  producers: 2,
  faults: noFaults,
});

/** Each candidate's footprint by action key, as bit names. */
function footprintsByKey(config: ModelConfig): Map<string, { reads: string[]; writes: string[] }> {
  const names = bitNames(layoutOf(config, initialState(config)));
  const sets = footprintsOf(config);
  return new Map(
    candidatesOf(config).map((action, i) => {
      const set = sets[i]!;
      const { reads, writes } = uncovered(new Uint32Array(set.length), set);
      return [
        actionKey(action),
        { reads: reads.map((b) => names[b]!), writes: writes.map((b) => names[b]!) },
      ];
    }),
  );
}

/** The sleep sets' independence (src/engines/bfs/sleep.ts): neither writes what the other reads or writes. */
function independent(
  f: { reads: readonly string[]; writes: readonly string[] },
  g: { reads: readonly string[]; writes: readonly string[] },
): boolean {
  return !f.writes.some((b) => g.reads.includes(b)) && !g.writes.some((b) => f.reads.includes(b));
}

describe('footprintsOf', () => {
  it('footprintsOf: one footprint per candidate, computed once per configuration', () => {
    // Expected: as many sets as candidates (56 here), the same array on a second call.
    const all = footprintsOf(pair);
    expect(all).toHaveLength(candidatesOf(pair).length);
    expect(all).toHaveLength(56);
    expect(footprintsOf(pair)).toBe(all);
    expect(all[0]).toBeInstanceOf(Uint32Array);
  });

  it("footprintsOf: Send is its module's declaration with the producer's index, and no reactions", () => {
    // Expected: producer 0's status, record counter, partitions, transaction, sends and attempts.
    const send = footprintsByKey(pair).get('Send(producer=0)');
    expect(send).toEqual({
      reads: [
        'producers[0].status',
        'producers[0].nextRecord',
        'producers[0].partitions',
        'producers[0].transaction',
        'sends[0]',
        'attempts[0]',
      ],
      writes: [
        'producers[0].nextRecord',
        'producers[0].partitions',
        'producers[0].transaction',
        'sends[0]',
        'attempts[0]',
      ],
    });
  });

  it('footprintsOf: two producers sending are independent; two InitProducerIds are not (one next PID)', () => {
    // Expected: Send(0) and Send(1) share nothing but reads; both InitProducerIds write nextProducerId.
    const f = footprintsByKey(pair);
    expect(independent(f.get('Send(producer=0)')!, f.get('Send(producer=1)')!)).toBe(true);
    expect(independent(f.get('InitProducerId(producer=0)')!, f.get('InitProducerId(producer=1)')!)).toBe(
      false,
    );
    expect(f.get('InitProducerId(producer=1)')!.writes).toEqual([
      'producers[1].producerId',
      'nextProducerId',
    ]);
    expect(independent(f.get('Send(producer=0)')!, f.get('BumpProducerEpoch(producer=0)')!)).toBe(false);
    expect(independent(f.get('Send(producer=1)')!, f.get('BumpProducerEpoch(producer=0)')!)).toBe(true);
  });

  it('footprintsOf: a step that writes a partition depends on a step that reads it', () => {
    // Expected: HandleProduce on broker 0 appends to replica 0's log, which broker 1's Fetch reads.
    const f = footprintsByKey(pair);
    const produce = f.get('HandleProduce(broker=0,from=connection,producer=0)')!;
    const fetch = f.get('Fetch(broker=1,partition=0)')!;
    expect(produce.writes).toContain('partitions[0].replicas[0].log');
    expect(fetch.reads).toContain('partitions[0].replicas[0].log');
    expect(independent(produce, fetch)).toBe(false);
    expect(independent(produce, f.get('Send(producer=1)')!)).toBe(true);
  });

  it('footprintsOf: a step that writes a partition or a connection also carries what the reactions read and write', () => {
    // Expected: SendProduce writes every replica's high watermark and every connection's purgatory and responses.
    const sendProduce = footprintsByKey(pair).get('SendProduce(partition=0,producer=0)')!;
    expect(sendProduce.writes).toEqual([
      'partitions[0].replicas[0].highWatermark',
      'partitions[0].replicas[1].highWatermark',
      'producers[0].partitions',
      'producers[0].inFlight',
      'sends[0]',
      'connections[0][0].requests',
      'connections[0][0].purgatory',
      'connections[0][0].responses',
      'connections[0][1].requests',
      'connections[0][1].purgatory',
      'connections[0][1].responses',
      'connections[1][0].purgatory',
      'connections[1][0].responses',
      'connections[1][1].purgatory',
      'connections[1][1].responses',
    ]);
    expect(sendProduce.reads).toContain('connections[1][1].responsesLost');
    expect(sendProduce.reads).toContain('brokers[1].up');
  });

  it('footprintsOf: a fault spends its budget bit; a step that writes neither partition nor connection has no reactions', () => {
    // Expected: ExpireBatch writes producer 0's partitions, in-flight batches, sends and the deliveryTimeout budget only.
    const f = footprintsByKey(pair);
    expect(f.get('ExpireBatch(partition=0,producer=1)')!.writes).toEqual([
      'producers[1].partitions',
      'producers[1].inFlight',
      'sends[1]',
      'faultsUsed.deliveryTimeout',
    ]);
    expect(f.get('LoseRequest(broker=1,producer=0)')!.writes).toContain('faultsUsed.network');
    expect(f.get('CrashBroker(broker=0,powerLoss=true)')!.writes).toContain('faultsUsed.powerLoss');
  });

  it('footprintsOf: a step module that declares no footprint may touch anything', () => {
    // Expected: TruncateToHighWatermark (pre-KIP-101 truncation) reads and writes every bit of the layout.
    const config = configWith({ ...pair, variants: { ...pair.variants, truncation: 'high-watermark' } });
    const i = candidatesOf(config).findIndex((a) => a.type === 'TruncateToHighWatermark');
    expect(i).toBeGreaterThan(0);
    expect(Array.from(footprintsOf(config)[i]!)).toEqual(new Array(6).fill(0xffffffff));
    const send = candidatesOf(config).findIndex((a) => a.type === 'Send');
    expect(Array.from(footprintsOf(config)[send]!)).not.toContain(0xffffffff);
  });

  it('footprintsOf: pinned digests of every footprint of three small configurations (a regression pin)', () => {
    // Expected: the sha-256 of the footprints, in candidate order, for three configurations.
    const digest = (config: ModelConfig) => {
      const hash = createHash('sha256');
      for (const set of footprintsOf(config))
        hash.update(new Uint8Array(set.buffer, set.byteOffset, set.byteLength));
      return hash.digest('hex').slice(0, 16);
    };
    expect(digest(pair)).toBe('b18fb9eae395de0d');
    expect(digest(configWith({ brokers: 1, partitions: 1, replicationFactor: 1, faults: noFaults }))).toBe(
      '6176c8ab49b11812',
    );
    expect(digest(configWith({ transactionalId: 'tx', partitions: 2, faults: noFaults }))).toBe(
      '14691ddf85900e19',
    );
  });
});

describe('machine', () => {
  it('candidatesOf: every action of the configuration in registry order, the same objects enabled returns', () => {
    // Expected: the one-broker configuration's 21 candidates; enabled hands back these very objects.
    const config = configWith({ brokers: 1, partitions: 1, replicationFactor: 1, faults: noFaults });
    const candidates = candidatesOf(config);
    expect(candidates.map(actionKey)).toEqual([
      'Send(producer=0)',
      'InitProducerId(producer=0)',
      'SendProduce(partition=0,producer=0)',
      'HandleProduce(broker=0,from=connection,producer=0)',
      'HandleProduce(broker=0,from=orphan,producer=0)',
      'HandleProduceResponse(broker=0,producer=0)',
      'BumpProducerEpoch(producer=0)',
      'Fetch(broker=0,partition=0)',
      'OffsetsForLeaderEpoch(broker=0,partition=0)',
      'ElectLeader(broker=0,partition=0)',
      'RestartBroker(broker=0)',
      'RestartProducer(producer=0)',
      'CrashBroker(broker=0,powerLoss=false)',
      'CrashBroker(broker=0,powerLoss=true)',
      'ShrinkIsr(broker=0,partition=0)',
      'LoseRequest(broker=0,producer=0)',
      'LoseResponse(broker=0,producer=0)',
      'ResetConnection(broker=0,producer=0)',
      'RequestTimeout(broker=0,producer=0)',
      'ExpireBatch(partition=0,producer=0)',
      'CrashProducer(producer=0)',
    ]);
    const first = enabled(config, initialState(config));
    expect(first.map(actionKey)).toEqual(['Send(producer=0)', 'InitProducerId(producer=0)']);
    expect(first[0]).toBe(candidates[0]);
    expect(first[1]).toBe(candidates[1]);
  });

  it('stepModule: an unknown step type is an error naming it', () => {
    // Expected: a RangeError for Nope; the Send module for Send.
    expect(() => stepModule('Nope')).toThrow(new RangeError('no step Nope'));
    expect(stepModule('Send').type).toBe('Send');
  });

  it("isEnabled: a fault only while its budget lasts, then the step's guard", () => {
    // Expected: CrashBroker with budget 1 is enabled until one crash is spent; with budget 0 never.
    const one = configWith({
      brokers: 1,
      partitions: 1,
      replicationFactor: 1,
      faults: { ...noFaults, crash: 1 },
    });
    const crash = { type: 'CrashBroker', broker: 0, powerLoss: false } as const;
    const s = initialState(one);
    expect(isEnabled(one, s, crash)).toBe(true);
    expect(isEnabled(configWith({ ...one, faults: noFaults }), s, crash)).toBe(false);
    expect(isEnabled(one, { ...s, faultsUsed: { ...s.faultsUsed, crash: 1 } }, crash)).toBe(false);
    expect(
      isEnabled(
        configWith({ ...one, faults: { ...noFaults, crash: 2 } }),
        { ...s, faultsUsed: { ...s.faultsUsed, crash: 1 } },
        crash,
      ),
    ).toBe(true);
    // A protocol step is its guard alone: Send is enabled, HandleProduce (nothing on the wire) is not.
    expect(isEnabled(one, s, { type: 'Send', producer: 0 })).toBe(true);
    expect(isEnabled(one, s, { type: 'HandleProduce', producer: 0, broker: 0, from: 'connection' })).toBe(
      false,
    );
  });

  it('onlyFaultsEnabled: false while a protocol step can happen, true when only faults remain', () => {
    // Expected: the initial state can Send; once the one record is acknowledged only CrashBroker is left.
    const config = configWith({
      brokers: 1,
      partitions: 1,
      replicationFactor: 1,
      records: 1,
      faults: { ...noFaults, crash: 1 },
    });
    expect(onlyFaultsEnabled(config, initialState(config))).toBe(false);
    const done = runActions(config, [
      { type: 'Send', producer: 0 },
      { type: 'InitProducerId', producer: 0 },
      { type: 'SendProduce', producer: 0, partition: 0 },
      { type: 'HandleProduce', producer: 0, broker: 0, from: 'connection' },
      { type: 'HandleProduceResponse', producer: 0, broker: 0 },
    ]);
    expect(enabled(config, done).map(actionKey)).toEqual(['CrashBroker(broker=0,powerLoss=false)']);
    expect(onlyFaultsEnabled(config, done)).toBe(true);
  });
});
