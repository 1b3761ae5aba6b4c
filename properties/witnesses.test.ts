// The witnesses judged on forged steps: each must see its event on the steps that make it, and
// not on the others, or a search's "witnesses reached" line would claim coverage it never had.
import { describe, expect, it } from 'vitest';
import {
  type Action,
  type ApplicationInstance,
  type ClientTransactionState,
  initialState,
  type ModelConfig,
  type Response,
  type State,
} from '../model/index.ts';
import { configWith, exactlyOnceConfig, noFaults } from '../model/testing.ts';
import { witnesses } from './witnesses.ts';

function witness(name: string) {
  const w = witnesses.find((x) => x.name === name);
  if (w === undefined) throw new Error(`no witness ${name}`);
  return w;
}

/** A transactional producer on three brokers. */
const txConfig = configWith({ transactionalId: 't1', faults: noFaults });
const txStart = initialState(txConfig);

/** An exactly-once application: one instance, its output producer is slot 1. */
const appConfig: ModelConfig = exactlyOnceConfig();
const appStart = initialState(appConfig);

/** The state with producer 0's connection to broker 0 holding these responses. */
function answered(state: State, ...responses: Response[]): State {
  const row = state.connections[0]!;
  return {
    ...state,
    connections: [[{ ...row[0]!, responses }, ...row.slice(1)], ...state.connections.slice(1)],
  };
}

const produceAnswer = (error: 'None' | 'InvalidProducerEpoch' | 'NotLeaderOrFollower'): Response => ({
  kind: 'Produce',
  partition: 0,
  baseSequence: 0,
  result: error === 'None' ? { error, baseOffset: 0, duplicate: true } : { error },
});
const coordinatorAnswer = (
  kind: 'EndTxn' | 'AddPartitionsToTxn' | 'InitProducerId',
  error: 'ProducerFenced' | 'InvalidProducerEpoch',
): Response => ({ kind, error, producerId: 0, producerEpoch: 0, partitions: 0 });

/** Replica 1 of partition 0 with its log end at `end`. */
function logEnd(state: State, end: number): State {
  const p = state.partitions[0]!;
  const replicas = p.replicas.map((r, i) => (i === 1 ? { ...r, logEndOffset: end } : r));
  return { ...state, partitions: [{ ...p, replicas }, ...state.partitions.slice(1)] };
}

/** Application instance 0 changed. */
function instance(state: State, change: Partial<ApplicationInstance>): State {
  const p = state.pipeline!;
  return { ...state, pipeline: { ...p, instances: [{ ...p.instances[0]!, ...change }] } };
}

/** Producer `producer`'s transaction state. */
function txnState(state: State, producer: number, s: ClientTransactionState): State {
  const producers = state.producers.map((p, i) =>
    i === producer ? { ...p, transaction: { ...p.transaction!, state: s } } : p,
  );
  return { ...state, producers };
}

describe('witnesses', () => {
  it('retry: a SendProduce with nothing in the accumulator is no retry (and does not throw)', () => {
    // Expected: false for an empty accumulator, true once its first batch is a retry (inRetry).
    const retry = witness('retry');
    const action: Action = { type: 'SendProduce', producer: 0, partition: 0 };
    expect(retry.seen(txConfig, txStart, action, txStart)).toBe(false);
    const batch = {
      partition: 0,
      records: [{ producer: 0, send: 0 }],
      producerId: 0,
      producerEpoch: 0,
      baseSequence: 0,
      inRetry: true,
      sequenceReset: false,
      retriesLeft: null,
    };
    const p = txStart.producers[0]!;
    const retrying: State = {
      ...txStart,
      producers: [{ ...p, partitions: [{ ...p.partitions[0]!, accumulator: [batch] }] }],
    };
    expect(retry.seen(txConfig, retrying, action, retrying)).toBe(true);
  });

  it('deduplicated: only a produce request read from its connection and answered None with duplicate counts (DuplicateSequenceNumber)', () => {
    // Expected: true for HandleProduce from the connection; false from an orphan, for another handler, or for an error answer.
    const dedup = witness('deduplicated');
    const duplicate = answered(txStart, produceAnswer('None'));
    const handle = (from: 'connection' | 'orphan'): Action => ({
      type: 'HandleProduce',
      producer: 0,
      broker: 0,
      from,
    });
    expect(dedup.seen(txConfig, txStart, handle('connection'), duplicate)).toBe(true);
    expect(dedup.seen(txConfig, txStart, handle('orphan'), duplicate)).toBe(false);
    const endTxn: Action = { type: 'HandleEndTxn', producer: 0, broker: 0, from: 'connection' };
    expect(dedup.seen(txConfig, txStart, endTxn, duplicate)).toBe(false);
    const refused = answered(txStart, produceAnswer('NotLeaderOrFollower'));
    expect(dedup.seen(txConfig, txStart, handle('connection'), refused)).toBe(false);
  });

  it('follower-truncation: a log end falling back counts on OffsetsForLeaderEpoch, TruncateToHighWatermark and Fetch only', () => {
    // Expected: true for the three reconciliation steps, false for a leader election that shrank a log.
    const truncation = witness('follower-truncation');
    const before = logEnd(txStart, 2);
    const after = logEnd(txStart, 1);
    for (const type of ['OffsetsForLeaderEpoch', 'TruncateToHighWatermark', 'Fetch'] as const) {
      expect(truncation.seen(txConfig, before, { type, partition: 0, broker: 1 }, after), type).toBe(true);
      expect(truncation.seen(txConfig, after, { type, partition: 0, broker: 1 }, before), type).toBe(false);
    }
    expect(truncation.seen(txConfig, before, { type: 'ElectLeader', partition: 0, broker: 1 }, after)).toBe(
      false,
    );
  });

  it('power-loss-truncation: only a crash with power loss that shortens a log counts', () => {
    // Expected: true for CrashBroker with powerLoss; false for a clean crash or a fetch that shortens a log.
    const powerLoss = witness('power-loss-truncation');
    const before = logEnd(txStart, 2);
    const after = logEnd(txStart, 1);
    expect(powerLoss.seen(txConfig, before, { type: 'CrashBroker', broker: 1, powerLoss: true }, after)).toBe(
      true,
    );
    expect(
      powerLoss.seen(txConfig, before, { type: 'CrashBroker', broker: 1, powerLoss: false }, after),
    ).toBe(false);
    expect(powerLoss.seen(txConfig, before, { type: 'Fetch', partition: 0, broker: 1 }, after)).toBe(false);
  });

  it('marker-after-leader-change: a transaction marker written once the partition had a leader change (leader epoch above 0)', () => {
    // Expected: true for WriteTxnMarkers at leader epoch 1, false at epoch 0.
    const marker = witness('marker-after-leader-change');
    const action: Action = { type: 'WriteTxnMarkers', producer: 0, partition: 0 };
    const p = txStart.partitions[0]!;
    const changed: State = { ...txStart, partitions: [{ ...p, leaderEpoch: 1 }] };
    expect(marker.seen(txConfig, changed, action, changed)).toBe(true);
    expect(marker.seen(txConfig, txStart, action, txStart)).toBe(false);
  });

  it('epoch-fenced: a produce, EndTxn or AddPartitionsToTxn read from its connection and answered InvalidProducerEpoch or ProducerFenced (KIP-98, KIP-588)', () => {
    // Expected: true for each of the three handlers with a fencing error; false from an orphan, for InitProducerId, or without an answer.
    const fenced = witness('epoch-fenced');
    const from = 'connection' as const;
    const handle: Action = { type: 'HandleProduce', producer: 0, broker: 0, from };
    expect(
      fenced.seen(txConfig, txStart, handle, answered(txStart, produceAnswer('InvalidProducerEpoch'))),
    ).toBe(true);
    const endTxn: Action = { type: 'HandleEndTxn', producer: 0, broker: 0, from };
    expect(
      fenced.seen(
        txConfig,
        txStart,
        endTxn,
        answered(txStart, coordinatorAnswer('EndTxn', 'ProducerFenced')),
      ),
    ).toBe(true);
    const add: Action = { type: 'HandleAddPartitionsToTxn', producer: 0, broker: 0, from };
    const addFenced = answered(txStart, coordinatorAnswer('AddPartitionsToTxn', 'InvalidProducerEpoch'));
    expect(fenced.seen(txConfig, txStart, add, addFenced)).toBe(true);
    const orphan: Action = { type: 'HandleProduce', producer: 0, broker: 0, from: 'orphan' };
    expect(
      fenced.seen(txConfig, txStart, orphan, answered(txStart, produceAnswer('InvalidProducerEpoch'))),
    ).toBe(false);
    const init: Action = { type: 'HandleInitProducerId', producer: 0, broker: 0, from };
    const initFenced = answered(txStart, coordinatorAnswer('InitProducerId', 'ProducerFenced'));
    expect(fenced.seen(txConfig, txStart, init, initFenced)).toBe(false);
    expect(fenced.seen(txConfig, txStart, handle, txStart)).toBe(false);
    expect(
      fenced.seen(txConfig, txStart, handle, answered(txStart, produceAnswer('NotLeaderOrFollower'))),
    ).toBe(false);
  });

  it('commit-failed: a CommitSync or auto-commit that takes a stable member back to unjoined (CommitFailedException)', () => {
    // Expected: true for both commit steps from stable to unjoined; false from joining, or for another step.
    const failed = witness('commit-failed');
    const stable = instance(appStart, { phase: 'stable' });
    const unjoined = instance(appStart, { phase: 'unjoined' });
    const joining = instance(appStart, { phase: 'joining' });
    for (const type of ['CommitSync', 'AutoCommit'] as const) {
      expect(failed.seen(appConfig, stable, { type, consumer: 0 }, unjoined), type).toBe(true);
      expect(failed.seen(appConfig, joining, { type, consumer: 0 }, unjoined), type).toBe(false);
    }
    expect(failed.seen(appConfig, stable, { type: 'PollTimeout', consumer: 0 }, unjoined)).toBe(false);
  });

  it('txn-offset-commit-fenced: a TxnOffsetCommit after which the output producer is no longer InTransaction (KIP-447)', () => {
    // Expected: true when the instance's producer (slot 1) is left AbortableError, false while InTransaction or for another step.
    const fenced = witness('txn-offset-commit-fenced');
    const action: Action = { type: 'TxnOffsetCommit', consumer: 0 };
    const aborting = txnState(appStart, 1, 'AbortableError');
    const ongoing = txnState(appStart, 1, 'InTransaction');
    expect(fenced.seen(appConfig, ongoing, action, aborting)).toBe(true);
    expect(fenced.seen(appConfig, ongoing, action, ongoing)).toBe(false);
    expect(fenced.seen(appConfig, ongoing, action, txnState(aborting, 0, 'InTransaction'))).toBe(true);
    expect(fenced.seen(appConfig, ongoing, { type: 'CommitSync', consumer: 0 }, aborting)).toBe(false);
  });

  it('consumer-truncation-detected: a validation or poll that moves the position back, or leaves the instance failed (KIP-320)', () => {
    // Expected: true for a position moved back or a failed instance, false for a position kept.
    const detected = witness('consumer-truncation-detected');
    const at2 = instance(appStart, { positions: [2] });
    const at1 = instance(appStart, { positions: [1] });
    const failed = instance(appStart, { positions: [2], status: 'failed' });
    for (const type of ['ConsumerOffsetsForLeaderEpoch', 'ConsumerPoll'] as const) {
      const action: Action = { type, consumer: 0, partition: 0 };
      expect(detected.seen(appConfig, at2, action, at1), type).toBe(true);
      expect(detected.seen(appConfig, at2, action, failed), type).toBe(true);
      expect(detected.seen(appConfig, at2, action, at2), type).toBe(false);
    }
    expect(detected.seen(appConfig, at2, { type: 'OffsetFetch', consumer: 0, partition: 0 }, at1)).toBe(
      false,
    );
  });

  it('offset-reset: an OffsetFetch with no committed offset (-1) starts from auto.offset.reset; offset 0 is a committed offset', () => {
    // Expected: true with the group's committed offset -1, false with 0.
    const reset = witness('offset-reset');
    const action: Action = { type: 'OffsetFetch', consumer: 0, partition: 0 };
    expect(appStart.pipeline!.group.committed).toEqual([-1]);
    expect(reset.seen(appConfig, appStart, action, appStart)).toBe(true);
    const p = appStart.pipeline!;
    const committed: State = { ...appStart, pipeline: { ...p, group: { ...p.group, committed: [0] } } };
    expect(reset.seen(appConfig, committed, action, committed)).toBe(false);
  });
});
