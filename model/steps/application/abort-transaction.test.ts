// KafkaProducer.abortTransaction(): by the application's own decision at the end of a transaction,
// or after an abortable error; for a plain transactional producer and for an exactly-once
// application instance's output producer.
import { describe, expect, it } from 'vitest';
import { type Action, actionKey } from '../../action.ts';
import type { ModelConfig } from '../../config.ts';
import { enabled, step } from '../../machine.ts';
import type { State } from '../../state.ts';
import {
  configWith,
  eosAddsOffsets,
  eosProcessesFirstRecord,
  exactlyOnceConfig,
  noFaults,
  runActions,
} from '../../testing.ts';
import { type AbortTransactionAction, abortTransaction } from './abort-transaction.ts';

/** One transactional producer, two records a transaction, one record a batch. */
const config: ModelConfig = configWith({
  brokers: 1,
  replicationFactor: 1,
  transactionalId: 'tx',
  records: 2,
  transactionRecords: 2,
  batchSize: 1,
  faults: { ...noFaults, abort: 1, producerStall: 1, deliveryTimeout: 1, network: 1 },
});
const abort0: AbortTransactionAction = { type: 'AbortTransaction', producer: 0 };
const p0 = { producer: 0 } as const;

/** The producer has its PID and has sent both records of its first transaction (nothing on the wire). */
const initialized: Action[] = [
  { type: 'SendInitProducerId', ...p0 },
  { type: 'HandleInitProducerId', ...p0, broker: 0, from: 'connection' },
  { type: 'HandleInitProducerIdResponse', ...p0, broker: 0 },
  { type: 'Send', ...p0 },
  { type: 'Send', ...p0 },
];
/** Record 0's batch is on the wire to the partition. */
const produced: Action[] = [
  ...initialized,
  { type: 'SendAddPartitionsToTxn', ...p0 },
  { type: 'HandleAddPartitionsToTxn', ...p0, broker: 0, from: 'connection' },
  { type: 'HandleAddPartitionsToTxnResponse', ...p0, broker: 0 },
  { type: 'SendProduce', ...p0, partition: 0 },
];
const expire: Action = { type: 'ExpireBatch', ...p0, partition: 0 };

function abortAndTell(c: ModelConfig, before: State, a: AbortTransactionAction = abort0) {
  const keys = enabled(c, before).map(actionKey);
  expect(keys).toContain(actionKey(a));
  const after = step(c, before, a);
  return { after, told: abortTransaction.tell(c, before, a, after) };
}

describe('AbortTransaction, a transactional producer', () => {
  it('only a producer with a transactional.id can call abortTransaction() (KafkaProducer.abortTransaction)', () => {
    // Expected: no candidate without transactional.id; one per producer with it.
    expect(abortTransaction.candidates(configWith({ ...config, transactionalId: null }))).toEqual([]);
    expect(abortTransaction.candidates(config)).toEqual([abort0]);
  });

  it('an application aborting by its own decision drops the transaction and moves on to the next (KafkaProducer.abortTransaction)', () => {
    // Expected: AbortingTransaction, nextRecord at the block's end (2), both sends failed TransactionAborted, the abort budget spent.
    const ready = runActions(config, initialized);
    const { after, told } = abortAndTell(config, ready);
    const client = after.producers[0]!;
    expect(client.transaction!.state).toBe('AbortingTransaction');
    expect(client.nextRecord).toBe(2);
    expect(client.partitions[0]!.accumulator).toEqual([]);
    expect(after.sends[0]!.map((s) => s.outcome)).toEqual([
      { status: 'failed', error: 'TransactionAborted' },
      { status: 'failed', error: 'TransactionAborted' },
    ]);
    expect(after.faultsUsed.abort).toBe(1);
    expect(told).toEqual({
      actor: 'application 0',
      message: 'calls abortTransaction() by its own decision for records 0..1; unsent batches fail',
    });
  });

  it('a stalled producer cannot call abortTransaction() until it wakes (KafkaProducer.abortTransaction)', () => {
    // Expected: at the end of its transaction but stalled, AbortTransaction is not enabled.
    const stalled = runActions(config, [...initialized, { type: 'StallProducer', ...p0 }]);
    expect(stalled.producers[0]!.status).toBe('stalled');
    expect(enabled(config, stalled).map(actionKey)).not.toContain(actionKey(abort0));
  });

  it('after an abortable error the application must abortTransaction(), a protocol step and no fault, then send the records again (TransactionManager ABORTABLE_ERROR)', () => {
    // Expected: enabled with no abort budget at all; nextRecord rewinds to the block's first (0); the story says it will send them again.
    const noAbort = configWith({ ...config, faults: { ...config.faults, abort: 0 } });
    const failed = runActions(noAbort, [...initialized, expire]);
    expect(failed.producers[0]!.transaction!.state).toBe('AbortableError');
    expect(failed.producers[0]!.nextRecord).toBe(2);
    const { after, told } = abortAndTell(noAbort, failed);
    expect(after.producers[0]!.nextRecord).toBe(0);
    expect(after.producers[0]!.transaction!.state).toBe('AbortingTransaction');
    expect(after.faultsUsed.abort).toBe(0);
    expect(told).toEqual({
      actor: 'application 0',
      message:
        'calls abortTransaction() after an abortable error for records 0..1; unsent batches fail, and it will send them again in a new transaction',
    });
  });

  it('abortUndrainedBatches: a dropped batch that already had a sequence leaves a gap the producer must bump its epoch past (KAFKA-14831, Kafka 3.9)', () => {
    // Expected: record 0's retried batch (sequence 0) and record 1's unsent batch are dropped; rewriteSequences is set.
    const retrying = runActions(config, [...produced, { type: 'RequestTimeout', ...p0, broker: 0 }]);
    const pp = retrying.producers[0]!.partitions[0]!;
    expect(pp.accumulator.map((b) => b.baseSequence)).toEqual([0, -1]);
    expect(pp.rewriteSequences).toBe(false);
    const { after } = abortAndTell(config, retrying);
    expect(after.producers[0]!.partitions[0]!.accumulator).toEqual([]);
    expect(after.producers[0]!.partitions[0]!.rewriteSequences).toBe(true);
  });

  it('the older client fails its in-flight batches on abort, but not one delivery.timeout.ms already failed (abortInFlight=overtake)', () => {
    // Expected: record 0 keeps its DeliveryTimeout failure; record 1, unsent, fails TransactionAborted; the in-flight batch is marked expired.
    const overtake = configWith({ ...config, variants: { ...config.variants, abortInFlight: 'overtake' } });
    const failed = runActions(overtake, [...produced, expire]);
    const before0 = failed.sends[0]![0]!.outcome;
    expect(before0.status).toBe('failed');
    const { after } = abortAndTell(overtake, failed);
    expect(after.sends[0]!.map((s) => s.outcome)).toEqual([
      before0,
      { status: 'failed', error: 'TransactionAborted' },
    ]);
    expect(after.producers[0]!.inFlight[0]!.map((f) => f.expired)).toEqual([true]);
  });
});

// An exactly-once application (exactlyOnceConfig): one instance, its output producer in slot 1.
const app: ModelConfig = configWith({
  ...exactlyOnceConfig(),
  faults: { ...noFaults, abort: 1, consumerPause: 1, deliveryTimeout: 1 },
});
const abort1: AbortTransactionAction = { type: 'AbortTransaction', producer: 1 };
const appKeys = (s: State) => enabled(app, s).map(actionKey);

/** Instance 0 has processed the record at offset 0 of input partition 0. */
const processed = runActions(app, eosProcessesFirstRecord);
const offsetsAdded = runActions(app, eosAddsOffsets, processed);
const committed = runActions(app, [{ type: 'TxnOffsetCommit', consumer: 0 }], offsetsAdded);

describe('AbortTransaction, an exactly-once application instance', () => {
  it('the idempotent producer writing the input has no transactional.id and never aborts (KafkaProducer.abortTransaction)', () => {
    // Expected: with abort budget left, no AbortTransaction is enabled before the instance reaches commit-txn, for either producer.
    expect(processed.pipeline!.instances[0]!.stage).toBe('add-offsets');
    expect(processed.producers[0]!.transaction).toBeNull();
    expect(appKeys(processed).filter((k) => k.startsWith('AbortTransaction'))).toEqual([]);
    expect(appKeys(offsetsAdded).filter((k) => k.startsWith('AbortTransaction'))).toEqual([]);
  });

  it('an instance aborts where it would commit: once its offsets are in the transaction, and keeps its position to process the records again (KIP-447)', () => {
    // Expected: enabled at commit-txn; the output producer's nextRecord unchanged; the instance tells it will rewind.
    expect(committed.pipeline!.instances[0]!.stage).toBe('commit-txn');
    const before = committed.producers[1]!;
    const { after, told } = abortAndTell(app, committed, abort1);
    expect(after.producers[1]!.nextRecord).toBe(before.nextRecord);
    expect(after.producers[1]!.transaction!.state).toBe('AbortingTransaction');
    expect(told).toEqual({
      actor: 'instance 0',
      message:
        'calls abortTransaction() on producer 1 by its own decision; it will rewind to the committed offsets and process the records again',
    });
  });

  it('once the instance has called commitTransaction() it can no longer abort: the transaction is committing (TransactionManager.beginAbort)', () => {
    // Expected: after CommitTransaction the producer is CommittingTransaction at stage commit-txn, and AbortTransaction is not enabled.
    const committing = runActions(app, [{ type: 'CommitTransaction', producer: 1 }], committed);
    expect(committing.producers[1]!.transaction!.state).toBe('CommittingTransaction');
    expect(committing.pipeline!.instances[0]!.stage).toBe('commit-txn');
    expect(appKeys(committing)).not.toContain(actionKey(abort1));
  });

  it('an instance whose transaction hit an abortable error aborts it and processes the records again (KIP-447)', () => {
    // Expected: the output batch expired: AbortableError; the abort keeps nextRecord and the story names the abortable error.
    const failed = runActions(app, [{ type: 'ExpireBatch', producer: 1, partition: 1 }], offsetsAdded);
    expect(failed.producers[1]!.transaction!.state).toBe('AbortableError');
    const before = failed.producers[1]!;
    const { after, told } = abortAndTell(app, failed, abort1);
    expect(after.producers[1]!.nextRecord).toBe(before.nextRecord);
    expect(told).toEqual({
      actor: 'instance 0',
      message:
        'calls abortTransaction() on producer 1 after an abortable error; it will rewind to the committed offsets and process the records again',
    });
  });
});
