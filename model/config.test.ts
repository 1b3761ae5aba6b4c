/** What the model reads off its configuration (config.ts, variants.ts). */
import { describe, expect, it } from 'vitest';
import { instanceOfProducer, isWorkloadProducer, type ModelConfig, transactionRecords } from './config.ts';
import { configWith, exactlyOnceConfig } from './testing.ts';
import { txnOffsetCommitChecksGeneration } from './variants.ts';

/** An exactly-once application with two workload producers and two instances (producer slots 2 and 3). */
const exactlyOnce: ModelConfig = exactlyOnceConfig(2, 2);

describe('config', () => {
  it("instanceOfProducer: the workload's producers come first; instance c's output producer is slot workloadProducers + c", () => {
    // Expected: slots 0 and 1 are workload producers (-1); slots 2 and 3 are instances 0 and 1.
    expect([0, 1, 2, 3].map((p) => instanceOfProducer(exactlyOnce, p))).toEqual([-1, -1, 0, 1]);
    expect([0, 1, 2, 3].map((p) => isWorkloadProducer(exactlyOnce, p))).toEqual([true, true, false, false]);
    expect(instanceOfProducer(configWith({ producers: 2 }), 1)).toBe(-1);
  });

  it('transactionRecords: transaction t holds records [t * transaction-records, that + transaction-records), cut at the workload end', () => {
    // Expected: with 2 records a transaction and 5 records, transaction 1 is [2, 4) and transaction 2 is [4, 5).
    const config = configWith({ records: 5, transactionRecords: 2 });
    expect(transactionRecords(config, 0)).toEqual({ first: 0, end: 2 });
    expect(transactionRecords(config, 1)).toEqual({ first: 2, end: 4 });
    expect(transactionRecords(config, 2)).toEqual({ first: 4, end: 5 });
  });
});

describe('variants', () => {
  it('txnOffsetCommitChecksGeneration: KIP-447 checks the generation; before it only the transactional.id epoch fences', () => {
    // Expected: true for group-generation, false for transactional-id.
    const withFencing = (txnOffsetFencing: 'group-generation' | 'transactional-id') =>
      configWith({ variants: { ...exactlyOnce.variants, txnOffsetFencing } });
    expect(txnOffsetCommitChecksGeneration(withFencing('group-generation'))).toBe(true);
    expect(txnOffsetCommitChecksGeneration(withFencing('transactional-id'))).toBe(false);
  });
});
