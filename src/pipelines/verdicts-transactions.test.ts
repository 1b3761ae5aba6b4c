// The semantics matrix's transaction rows (SEMANTICS.md §4) and KIP-890's two scenarios, checked
// as `check --preset` runs them (VERDICT_RUNS schedules, the default budget nightly); the KIP-890 scenarios are held to the
// exhaustive search too, as `explore --preset` runs it. The search decides; these are its oracles.

import { describe, expect, it } from 'vitest';
import { noFaults } from '../../model/index.ts';
import { checkNamedPreset, exploreNamedPreset } from './verdicts.ts';

// A clean random search runs its whole budget: these take a while on two busy cores.
describe('verdicts: transactions (check)', { timeout: 600_000 }, () => {
  it('verdicts: read-uncommitted-sees-aborted: read-committed violated', () => {
    // Expected: a read_uncommitted reader returns records of a transaction that is open, then aborted.
    const result = checkNamedPreset('read-uncommitted-sees-aborted');
    expect(result.properties['read-committed']).toBe('violated');
    expect(result.properties['atomic-transaction']).toBe('passed');
  });

  it('verdicts: atomic-multi-partition: atomic-transaction and read-committed hold', () => {
    // Expected: the crashed instance's open transaction is aborted by the new one's InitProducerId;
    // a read_committed reader never sees half of it.
    const committed = checkNamedPreset('atomic-multi-partition');
    expect(committed.properties['atomic-transaction']).toBe('passed');
    expect(committed.properties['read-committed']).toBe('passed');
    expect(committed.witnessed['transaction-committed']).toBeGreaterThan(0);
  });

  it('verdicts: atomic-multi-partition with a read_uncommitted reader: read-committed violated', () => {
    // Expected: a read_uncommitted reader returns the open transaction's records.
    const uncommitted = checkNamedPreset('atomic-multi-partition', {
      kafka: { 'isolation.level': 'read_uncommitted' },
    });
    expect(uncommitted.properties['read-committed']).toBe('violated');
  });

  it('verdicts: transaction-timeout: progress and fencing hold, and the woken zombie is fenced', () => {
    // Expected: the coordinator aborts the stalled transaction with a bumped epoch; the zombie's
    // next request is refused.
    const result = checkNamedPreset('transaction-timeout');
    expect(result.properties.progress).toBe('passed');
    expect(result.properties.fencing).toBe('passed');
    expect(result.witnessed['epoch-fenced']).toBeGreaterThan(0);
  });
});

describe('verdicts: KIP-890 scenarios (check)', { timeout: 600_000 }, () => {
  it('verdicts: hanging-transaction: check finds progress violated without verification, holds with it', () => {
    // Expected: a produce request delayed past its transaction's abort lands after the marker and
    // the last stable offset never moves; verification refuses the request.
    expect(checkNamedPreset('hanging-transaction').properties.progress).toBe('violated');
    const on = checkNamedPreset('hanging-transaction', {
      kafka: { 'transaction.partition.verification.enable': 'true' },
    });
    expect(on.verdict).toBe('passed');
  });

  it('verdicts: late-produce-next-transaction: check finds atomic-transaction violated under version 1 only', () => {
    // Expected: under version 1 the late batch joins the next transaction; version 2 fences it.
    const v1 = checkNamedPreset('late-produce-next-transaction');
    expect(v1.properties['atomic-transaction']).toBe('violated');
    const v2 = checkNamedPreset('late-produce-next-transaction', {
      scenario: { variants: { transactionVersion: '2' } },
    });
    expect(v2.verdict).toBe('passed');
  });
});

describe('verdicts: KIP-890 scenarios (explore)', () => {
  it('verdicts: hanging-transaction: progress violated without verification, holds with it (KIP-890 part 1)', async () => {
    // Expected: a produce request delayed past its transaction's abort starts a transaction no
    // coordinator knows, so the last stable offset never moves; verification refuses it.
    const off = await exploreNamedPreset('hanging-transaction', { depth: 40 });
    expect(off.verdict).toBe('violated');
    expect(off.counterexample?.property).toBe('progress');
    expect(off.counterexample?.steps).toContain('HandleProduce(broker=0,from=orphan,producer=0)');
    const on = await exploreNamedPreset(
      'hanging-transaction',
      { depth: 40 },
      { kafka: { 'transaction.partition.verification.enable': 'true' } },
    );
    expect(on.verdict).toBe('passed');
    expect(on.depthCut).toBe(false);
  });

  it('verdicts: late-produce-next-transaction: atomic-transaction violated under version 1, holds under version 2', async () => {
    // Expected: the aborted transaction's late batch passes verification into the next
    // transaction of the same epoch and is committed with it; version 2's epoch bump fences it.
    const v1 = await exploreNamedPreset('late-produce-next-transaction', { depth: 60 });
    expect(v1.verdict).toBe('violated');
    expect(v1.counterexample?.property).toBe('atomic-transaction');
    const v2 = await exploreNamedPreset(
      'late-produce-next-transaction',
      { depth: 60 },
      { scenario: { variants: { transactionVersion: '2' } } },
    );
    expect(v2.verdict).toBe('passed');
    expect(v2.depthCut).toBe(false);
    // Kafka 3.9's client waits for in-flight batches before it aborts: the late batch cannot overtake the markers.
    const waits = await exploreNamedPreset(
      'late-produce-next-transaction',
      { depth: 60 },
      { scenario: { variants: { abortInFlight: 'wait' } } },
    );
    expect(waits.verdict).toBe('passed');
    expect(waits.depthCut).toBe(false);
  });

  it('verdicts: KAFKA-17754: a delayed EndTxn ends the next transaction under version 1; version 2 holds', async () => {
    // Expected: two transactions of two records on one single-replica partition and one network
    // fault. Under version 1 the EndTxn(commit) that timed out is read after its retry completed
    // the first transaction and commits the second one early, with its first record only; the
    // rest is refused, the instance fails and its successor sends the records again, so the
    // first record is committed twice. Version 2 bumps the epoch at every EndTxn, and the
    // exhaustive search of the same bounded space finds nothing.
    const setup = {
      kafka: { 'replication.factor': '1', 'min.insync.replicas': '1' },
      scenario: {
        records: 4,
        transactionRecords: 2,
        partitions: 1,
        faults: { ...noFaults, network: 1 },
      },
    };
    const v1 = await exploreNamedPreset('transactional-producer', {}, setup);
    expect(v1.verdict).toBe('violated');
    expect(v1.counterexample?.property).toBe('no-duplicate');
    expect(v1.counterexample?.steps).toContain('HandleEndTxn(broker=0,from=orphan,producer=0)');
    const v2 = await exploreNamedPreset(
      'transactional-producer',
      {},
      {
        ...setup,
        scenario: { ...setup.scenario, variants: { transactionVersion: '2' } },
      },
    );
    expect(v2.verdict).toBe('passed');
    expect(v2.depthCut).toBe(false);
    expect(v2.states).toBe(24_361);
  });
});
