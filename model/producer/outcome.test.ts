// How the producer takes a failed batch (Kafka's Sender.completeBatch and
// TransactionManager.handleFailedBatch), asked directly of batchFailed for producer 0's first batch.
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config.ts';
import type { ProducerBatch, State } from '../state.ts';
import {
  configWith,
  noFaults,
  oneBrokerTransactionConfig,
  runActions,
  txnProducerSendsFirstRecord,
} from '../testing.ts';
import { batchFailed } from './outcome.ts';

const p0 = { producer: 0 } as const;

/** An idempotent producer with `retries` whose first batch (sequence 0) is in flight to broker 0. */
function inFlight(
  retries: number,
  enableIdempotence = true,
): { config: ModelConfig; state: State; batch: ProducerBatch } {
  const config = configWith({
    brokers: 1,
    replicationFactor: 1,
    records: 1,
    retries,
    enableIdempotence,
    faults: noFaults,
  });
  const state = runActions(config, [
    ...(enableIdempotence ? [{ type: 'InitProducerId', ...p0 } as const] : []),
    { type: 'Send', ...p0 },
    { type: 'SendProduce', ...p0, partition: 0 },
  ]);
  return { config, state, batch: state.producers[0]!.inFlight[0]![0]!.batch };
}

describe('batchFailed', () => {
  it('a retriable error puts the batch back with one retry fewer (Sender.canRetry, ProducerBatch.attempts)', () => {
    // Expected: with retries=2, NOT_LEADER_OR_FOLLOWER re-enqueues the batch in retry with one retry left.
    const { config, state, batch } = inFlight(2);
    expect(batch.retriesLeft).toBe(2);
    const next = batchFailed(config, state, 0, batch, 'NotLeaderOrFollower');
    const [retry] = next.producers[0]!.partitions[0]!.accumulator;
    expect([retry!.inRetry, retry!.retriesLeft]).toEqual([true, 1]);
  });

  it('an OUT_OF_ORDER_SEQUENCE_NUMBER failure past the retries leaves a sequence gap: the idempotent producer bumps its epoch (TransactionManager.handleFailedBatch)', () => {
    // Expected: with retries exhausted the batch fails to the application and the partition asks for a sequence rewrite.
    const { config, state, batch } = inFlight(0);
    const next = batchFailed(config, state, 0, batch, 'OutOfOrderSequence');
    expect(next.producers[0]!.partitions[0]!.rewriteSequences).toBe(true);
    expect(next.sends[0]![0]!.outcome).toMatchObject({ status: 'failed', error: 'OutOfOrderSequence' });
  });

  it('a retriable error that ran out of retries is no sequence gap: no epoch bump (TransactionManager.handleFailedBatch)', () => {
    // Expected: retries=0 and NOT_LEADER_OR_FOLLOWER fail the batch without a sequence rewrite.
    const { config, state, batch } = inFlight(0);
    const next = batchFailed(config, state, 0, batch, 'NotLeaderOrFollower');
    expect(next.producers[0]!.partitions[0]!.rewriteSequences).toBe(false);
    expect(next.sends[0]![0]!.outcome).toMatchObject({ status: 'failed', error: 'NotLeaderOrFollower' });
  });

  it('a batch that fails while its transaction aborts is not retried and fails with TransactionAbortedException (RecordAccumulator.abortUndrainedBatches)', () => {
    // Expected: the record's send fails with TransactionAborted even for a retriable error, and the partition asks for a sequence rewrite.
    const config = oneBrokerTransactionConfig(noFaults);
    const ready = runActions(config, txnProducerSendsFirstRecord);
    const client = ready.producers[0]!;
    const aborting: State = {
      ...ready,
      producers: [{ ...client, transaction: { ...client.transaction!, state: 'AbortingTransaction' } }],
    };
    const batch = client.partitions[0]!.accumulator[0]!;
    const next = batchFailed(config, aborting, 0, batch, 'NotLeaderOrFollower');
    expect(next.sends[0]![0]!.outcome).toMatchObject({ status: 'failed', error: 'TransactionAborted' });
    expect(next.producers[0]!.partitions[0]!.rewriteSequences).toBe(true);
  });

  it('without idempotence a failed batch asks for no sequence rewrite: there are no sequences (Sender.completeBatch)', () => {
    // Expected: retries=0 and NOT_LEADER_OR_FOLLOWER fail the non-idempotent batch and leave rewriteSequences false.
    const { config, state, batch } = inFlight(0, false);
    const next = batchFailed(config, state, 0, batch, 'NotLeaderOrFollower');
    expect(next.producers[0]!.partitions[0]!.rewriteSequences).toBe(false);
    expect(next.sends[0]![0]!.outcome).toMatchObject({ status: 'failed', error: 'NotLeaderOrFollower' });
  });

  it('KIP-360: OUT_OF_ORDER_SEQUENCE_NUMBER for the batch right after the last acknowledged one is a real gap, retried after an epoch bump (TransactionManager.canRetry)', () => {
    // Expected: sequence 0 after nothing acknowledged is retried and the partition asks for a sequence rewrite.
    const { config, state, batch } = inFlight(2);
    const next = batchFailed(config, state, 0, batch, 'OutOfOrderSequence');
    expect(next.producers[0]!.partitions[0]!.accumulator.map((b) => b.inRetry)).toEqual([true]);
    expect(next.producers[0]!.partitions[0]!.rewriteSequences).toBe(true);
  });

  it('KIP-360: OUT_OF_ORDER_SEQUENCE_NUMBER for a batch whose sequence was already reset, or that is not the next one, is retried without a bump (TransactionManager.canRetry)', () => {
    // Expected: neither a reset batch at sequence 0 nor a batch at sequence 5 asks for a sequence rewrite.
    const { config, state, batch } = inFlight(2);
    for (const forged of [
      { ...batch, sequenceReset: true },
      { ...batch, baseSequence: 5 },
    ]) {
      const next = batchFailed(config, state, 0, forged, 'OutOfOrderSequence');
      expect(next.producers[0]!.partitions[0]!.accumulator.length).toBe(1);
      expect(next.producers[0]!.partitions[0]!.rewriteSequences).toBe(false);
    }
  });
});
