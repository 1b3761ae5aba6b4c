/**
 * The pipeline's part of the byte encoding: every state a consumer group reaches reads back as
 * itself, distinct states give distinct bytes, and a state without a pipeline encodes as before.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config.ts';
import { initialState } from '../state.ts';
import { configWith, noFaults, walk } from '../testing.ts';
import { decodeState } from './decode.ts';
import { encodeState } from './encode.ts';

const pipelineConfig: ModelConfig = configWith({
  brokers: 2,
  replicationFactor: 1,
  partitions: 2,
  records: 3,
  faults: { ...noFaults, consumerCrash: 1, consumerPause: 1, rebalance: 1, groupCoordinatorMove: 1 },
  pipeline: {
    consumers: 2,
    commit: 'external',
    sink: 'external-store',
    assignor: 'cooperative-sticky',
    staticMembership: false,
    autoOffsetReset: 'earliest',
    maxPollRecords: 1,
    inputPartitions: 2,
    workloadProducers: 1,
    sendOffsets: 'group-metadata',
  },
});

/** An exactly-once application: outputs through transactional producers, offsets in the transaction. */
const exactlyOnceConfig: ModelConfig = configWith({
  brokers: 1,
  replicationFactor: 1,
  minInsyncReplicas: 1,
  partitions: 2,
  producers: 3,
  records: 2,
  transactionalId: 'app',
  isolationLevel: 'read_committed',
  faults: {
    ...noFaults,
    consumerCrash: 1,
    consumerPause: 1,
    rebalance: 1,
    groupCoordinatorMove: 1,
    coordinatorMove: 1,
  },
  pipeline: {
    consumers: 2,
    commit: 'transactional',
    sink: 'topic',
    assignor: 'range',
    staticMembership: false,
    autoOffsetReset: 'earliest',
    maxPollRecords: 1,
    inputPartitions: 1,
    workloadProducers: 1,
    sendOffsets: 'group-metadata',
  },
});

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** Every state a schedule visits decodes back from its bytes, and two states with the same bytes are equal. */
function roundTrips(config: ModelConfig, choices: readonly number[]): void {
  const byBytes = new Map<string, string>();
  for (const s of walk(config, choices)) {
    const bytes = encodeState(config, s).slice();
    expect(decodeState(config, bytes)).toEqual(s);
    const json = JSON.stringify(s);
    const seen = byBytes.get(hex(bytes));
    if (seen !== undefined) expect(seen).toBe(json);
    byBytes.set(hex(bytes), json);
  }
}

describe('byte encoding of pipeline states', () => {
  it('decode(encode(s)) is s for every state a schedule visits, and different states differ in bytes', () => {
    const schedules = fc.array(fc.nat(50), { minLength: 1, maxLength: 60 });
    const readsBack = fc.property(schedules, (choices) => roundTrips(pipelineConfig, choices));
    fc.assert(readsBack, { seed: 11, numRuns: 150 });
  });

  it('exactly once: decode(encode(s)) is s, and different states differ in bytes', () => {
    const schedules = fc.array(fc.nat(50), { minLength: 1, maxLength: 90 });
    const readsBack = fc.property(schedules, (choices) => roundTrips(exactlyOnceConfig, choices));
    fc.assert(readsBack, { seed: 12, numRuns: 150 });
  });

  it('exactly once: schedules reach pending offsets, their marker, and outputs naming their input', () => {
    // Expected: some visited state holds pending transactional offsets, a later one has them committed.
    let pending = false;
    let committed = false;
    let named = false;
    for (let seed = 0; seed < 40; seed++) {
      for (const s of walk(
        exactlyOnceConfig,
        Array.from({ length: 120 }, (_, i) => (i * (seed + 3) + seed) % 17),
      )) {
        pending ||= s.pipeline!.group.pending.length > 0;
        committed ||= s.pipeline!.group.committed.some((o) => o >= 0);
        named ||= s.sends.slice(1).some((row) => row.some((send) => send.input !== undefined));
      }
    }
    expect([pending, committed, named]).toEqual([true, true, true]);
  });

  it('a schedule reaches rebalances, commits to the store and group faults', () => {
    const states = walk(
      pipelineConfig,
      Array.from({ length: 200 }, (_, i) => (i * 7) % 13),
    );
    const last = states.at(-1)!;
    expect(last.pipeline!.group.generation).toBeGreaterThan(0);
    expect(states.some((s) => s.pipeline!.sink.outputs.length > 0)).toBe(true);
  });

  it('refuses a pipeline the config does not give, and a missing one', () => {
    const plain = configWith({});
    const withPipeline = initialState(pipelineConfig);
    expect(() => encodeState(plain, { ...initialState(plain), pipeline: withPipeline.pipeline! })).toThrow(
      RangeError,
    );
    const { pipeline: _dropped, ...without } = withPipeline;
    expect(() => encodeState(pipelineConfig, without)).toThrow(RangeError);
  });
});
