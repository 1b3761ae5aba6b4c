// An exactly-once application instance's output producer and consume-transform-produce loop
// (KIP-98, KIP-447), for instance 0 of exactlyOnceConfig (its producer is slot 1) after it
// processed the record at offset 0.
import { describe, expect, it } from 'vitest';
import type { ApplicationInstance, State } from '../state.ts';
import { eosProcessesFirstRecord, exactlyOnceConfig, runActions } from '../testing.ts';
import {
  endOutputProducer,
  mayWriteOutput,
  offsetsAdded,
  offsetsAddedToTransaction,
  setOutputProducerRunning,
  transactionEnded,
} from './output.ts';

const config = exactlyOnceConfig();
const processed = runActions(config, eosProcessesFirstRecord);

function withInstance0(fields: Partial<ApplicationInstance>): State {
  const pipeline = processed.pipeline!;
  return {
    ...processed,
    pipeline: {
      ...pipeline,
      instances: pipeline.instances.map((i, c) => (c === 0 ? { ...i, ...fields } : i)),
    },
  };
}

function withProducer1Crashed(): State {
  return {
    ...processed,
    producers: processed.producers.map((p, i) => (i === 1 ? { ...p, status: 'crashed' } : p)),
  };
}

describe('transactionEnded', () => {
  it('after an aborted transaction the instance rewinds its owned partitions to the committed offsets and polls again (the abortTransaction pattern with OffsetFetch)', () => {
    // Expected: stage poll, the batch emptied, the owned partition's position forgotten (-1).
    const state = withInstance0({ stage: 'process', positions: [1] });
    const i = transactionEnded(config, state, 1, false).pipeline!.instances[0]!;
    expect(state.pipeline!.instances[0]!.owned).toBe(1);
    expect([i.stage, i.batch, i.positions]).toEqual(['poll', [], [-1]]);
  });

  it('an aborted transaction keeps the position of a partition the instance does not own', () => {
    // Expected: with partition 0 not owned, its position 3 stays.
    const state = withInstance0({ stage: 'process', owned: 0, positions: [3] });
    expect(transactionEnded(config, state, 1, false).pipeline!.instances[0]!.positions).toEqual([3]);
  });

  it('a committed transaction sends the instance from commit-txn back to poll, and leaves any other stage alone', () => {
    // Expected: commit-txn becomes poll; an instance in process is unchanged.
    const committing = withInstance0({ stage: 'commit-txn' });
    expect(transactionEnded(config, committing, 1, true).pipeline!.instances[0]!.stage).toBe('poll');
    const processing = withInstance0({ stage: 'process' });
    expect(transactionEnded(config, processing, 1, true)).toBe(processing);
  });
});

describe('offsetsAddedToTransaction', () => {
  it("the group's offsets are in the transaction once AddOffsetsToTxn was answered: at TxnOffsetCommit and at the commit (KIP-447)", () => {
    // Expected: true at txn-offset-commit and commit-txn, false while processing.
    expect(offsetsAddedToTransaction(config, withInstance0({ stage: 'txn-offset-commit' }), 1)).toBe(true);
    expect(offsetsAddedToTransaction(config, withInstance0({ stage: 'commit-txn' }), 1)).toBe(true);
    expect(offsetsAddedToTransaction(config, withInstance0({ stage: 'process' }), 1)).toBe(false);
  });
});

describe('the output producer follows its instance', () => {
  it('a producer already crashed is neither ended again nor woken by its instance', () => {
    // Expected: ending or resuming the instance leaves its crashed producer's state as it is.
    const crashed = withProducer1Crashed();
    expect(endOutputProducer(config, crashed, 0)).toBe(crashed);
    expect(setOutputProducerRunning(config, crashed, 0, true)).toBe(crashed);
  });
});

describe('mayWriteOutput', () => {
  it('the instance writes output only through a running producer that is Ready or in its transaction (KafkaProducer.send during commitTransaction is refused)', () => {
    // Expected: running and InTransaction may write; stalled, or running while committing, may not.
    const withProducer1 = (
      status: 'running' | 'stalled',
      state: 'InTransaction' | 'CommittingTransaction',
    ): State => ({
      ...processed,
      producers: processed.producers.map((p, i) =>
        i === 1 ? { ...p, status, transaction: { ...p.transaction!, state } } : p,
      ),
    });
    expect(mayWriteOutput(config, withProducer1('running', 'InTransaction'), 0)).toBe(true);
    expect(mayWriteOutput(config, withProducer1('stalled', 'InTransaction'), 0)).toBe(false);
    expect(mayWriteOutput(config, withProducer1('running', 'CommittingTransaction'), 0)).toBe(false);
  });
});

describe('offsetsAdded', () => {
  it('an answered AddOffsetsToTxn moves the instance from add-offsets on to TxnOffsetCommit, and no other stage (KIP-447 sendOffsetsToTransaction)', () => {
    // Expected: add-offsets becomes txn-offset-commit; an instance in process is left as it is.
    expect(
      offsetsAdded(config, withInstance0({ stage: 'add-offsets' }), 1).pipeline!.instances[0]!.stage,
    ).toBe('txn-offset-commit');
    const processing = withInstance0({ stage: 'process' });
    expect(offsetsAdded(config, processing, 1)).toBe(processing);
  });
});
