// The trace file's config schema after the transaction fields: files written before them read with
// Kafka's defaults, files with them keep them, and unknown keys and bad values are still refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, defaultFaults } from '../../model/index.ts';
import { parseTrace } from './file.ts';

const fixture = join(
  import.meta.dirname,
  'fixtures',
  'v1-idempotent-zombie-expiry.no-duplicate.seed1.trace.json',
);
const old = JSON.parse(readFileSync(fixture, 'utf8'));

/** The fixture with its config changed: `config` merged in, `faults` and `variants` merged one level down. */
function withConfig(change: Record<string, unknown>): string {
  const {
    faults = {},
    variants = {},
    ...rest
  } = change as {
    faults?: object;
    variants?: object;
  };
  return JSON.stringify({
    ...old,
    config: {
      ...old.config,
      ...rest,
      faults: { ...old.config.faults, ...faults },
      variants: { ...old.config.variants, ...variants },
    },
  });
}

function problem(text: string): string {
  const read = parseTrace(text, 'x.json');
  if (read.ok) throw new Error('expected the trace to be refused');
  expect(read.code).toBe('TraceInvalid');
  return read.message;
}

describe('trace files', () => {
  it('trace: schema: a trace written before the transaction fields reads them as their defaults', () => {
    // Expected: not transactional, Kafka's transaction defaults, no transaction faults, Kafka 3.9's protocol.
    const read = parseTrace(JSON.stringify(old), 'old.json');
    if (!read.ok) throw new Error(read.message);
    expect(read.trace.config).toEqual({
      ...old.config,
      transactionalId: null,
      transactionTimeoutMs: 60000,
      transactionMaxTimeoutMs: 900000,
      transactionPartitionVerificationEnable: true,
      isolationLevel: 'read_uncommitted',
      transactionRecords: 2,
      pipeline: null,
      faults: {
        ...old.config.faults,
        abort: 0,
        producerStall: 0,
        coordinatorMove: 0,
        consumerCrash: 0,
        consumerPause: 0,
        rebalance: 0,
        groupCoordinatorMove: 0,
      },
      variants: {
        ...old.config.variants,
        transactionVersion: '1',
        lso: 'exclusive',
        abortInFlight: 'wait',
        txnOffsetFencing: 'group-generation',
        requireStable: 'true',
        consumerPositionValidation: 'leader-epoch',
      },
    });
    expect(read.trace.config.faults).toEqual({ ...defaultFaults, ...old.config.faults });
  });

  it('trace: schema: the transaction fields, when written, are kept as written', () => {
    // Expected: every new field survives parsing unchanged.
    const transactional = {
      transactionalId: 'orders',
      transactionTimeoutMs: 10000,
      transactionMaxTimeoutMs: 20000,
      transactionPartitionVerificationEnable: false,
      isolationLevel: 'read_committed',
      transactionRecords: 3,
      faults: { abort: 1, producerStall: 2, coordinatorMove: 3 },
      variants: { transactionVersion: '2', lso: 'inclusive' },
    };
    const read = parseTrace(withConfig(transactional), 'new.json');
    if (!read.ok) throw new Error(read.message);
    expect(read.trace.config).toMatchObject(transactional);
    const round = parseTrace(JSON.stringify({ ...old, config: { ...defaultConfig } }), 'defaults.json');
    expect(round.ok && round.trace.config).toEqual(defaultConfig);
  });

  it('trace: schema: unknown keys are still refused, at every level of the config', () => {
    // Expected: a misspelt field is named, not silently dropped next to its defaulted namesake.
    expect(problem(withConfig({ transactionId: 't' }))).toContain(
      'config: Unrecognized key: "transactionId"',
    );
    expect(problem(withConfig({ faults: { aborts: 1 } }))).toContain('config.faults');
    expect(problem(withConfig({ variants: { lsoBound: 'inclusive' } }))).toContain('config.variants');
  });

  it('trace: schema: bad values of the new fields are refused, naming the field', () => {
    // Expected: the same checks as Kafka's keys and the CLI flags: levels, versions and counts.
    expect(problem(withConfig({ isolationLevel: 'READ_COMMITTED' }))).toContain('config.isolationLevel');
    expect(problem(withConfig({ transactionalId: '' }))).toContain('config.transactionalId');
    expect(problem(withConfig({ transactionRecords: 0 }))).toContain('config.transactionRecords');
    expect(problem(withConfig({ transactionMaxTimeoutMs: 0 }))).toContain('config.transactionMaxTimeoutMs');
    expect(problem(withConfig({ variants: { transactionVersion: 2 } }))).toContain(
      'config.variants.transactionVersion',
    );
    expect(problem(withConfig({ variants: { lso: 'open' } }))).toContain('config.variants.lso');
    expect(problem(withConfig({ faults: { producerStall: -1 } }))).toContain('config.faults.producerStall');
  });
});
