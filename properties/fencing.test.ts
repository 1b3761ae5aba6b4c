// fencing judged on the steps of an epoch bump (KIP-360) and on forged ones that append a
// zombie's batch, to one partition or to one of two: the property must see what the model is
// meant to prevent.
import { describe, expect, it } from 'vitest';
import { type Action, initialState, type LogBatch, type State } from '../model/index.ts';
import {
  afterExpiredBatch,
  expiredBatchConfig as config,
  configWith,
  noFaults,
  runActions,
} from '../model/testing.ts';
import { fencing } from './fencing.ts';

const p0 = { producer: 0 } as const;
const handle: Action = { type: 'HandleProduce', ...p0, broker: 0, from: 'orphan' };
const newEpoch = runActions(
  config,
  [
    { type: 'BumpProducerEpoch', ...p0 },
    { type: 'SendProduce', ...p0, partition: 0 },
    { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
  ],
  afterExpiredBatch(),
);

/** The state with a batch appended to the leader's log, as a model that lets a zombie in would. */
function appended(state: State, batch: Partial<LogBatch>): State {
  const p = state.partitions[0]!;
  const leader = p.replicas[0]!;
  const last = leader.log[leader.log.length - 1]!;
  const log = [...leader.log, { ...last, baseOffset: leader.logEndOffset, ...batch }];
  const replicas = [{ ...leader, log, logEndOffset: leader.logEndOffset + 1 }, ...p.replicas.slice(1)];
  return { ...state, partitions: [{ ...p, replicas }, ...state.partitions.slice(1)] };
}

describe('fencing', () => {
  it('fencing: holds while the broker refuses the old epoch after the bump (InvalidProducerEpoch)', () => {
    // Expected: the late epoch-0 request appends nothing, and fencing holds on that step.
    const late = runActions(config, [handle], newEpoch);
    expect(fencing.everyStep!(config, newEpoch, handle, late)).toEqual({ holds: true });
  });

  it('fencing: broken when a batch of an older epoch of the PID is appended after a newer one (KIP-98)', () => {
    // Expected: the zombie's epoch-0 batch at offset 1, after epoch 1, is named with both epochs.
    expect(newEpoch.partitions[0]!.replicas[0]!.log.map((b) => b.producerEpoch)).toEqual([1]);
    const zombie = appended(newEpoch, { producerEpoch: 0 });
    expect(fencing.everyStep!(config, newEpoch, handle, zombie)).toEqual({
      holds: false,
      message:
        "partition 0's leader broker 0 appended a batch of PID 0 at epoch 0 at offset 1, after it had seen epoch 1",
      evidence: { partition: 0, producerId: 0, epoch: 0, seen: 1, offset: 1 },
    });
  });

  it('fencing: only the appended batches of the same PID count, and only data batches of a produce step', () => {
    // Expected: another PID's old epoch, a PID-less batch, a control batch and a non-produce step all hold.
    for (const batch of [
      { producerEpoch: 0, producerId: 7 },
      { producerEpoch: 0, producerId: -1 },
    ]) {
      expect(fencing.everyStep!(config, newEpoch, handle, appended(newEpoch, batch)).holds).toBe(true);
    }
    const marker = appended(newEpoch, { producerEpoch: 0, control: 'COMMIT' } as Partial<LogBatch>);
    expect(fencing.everyStep!(config, newEpoch, handle, marker).holds).toBe(true);
    const zombie = appended(newEpoch, { producerEpoch: 0 });
    expect(
      fencing.everyStep!(config, newEpoch, { type: 'Fetch', partition: 0, broker: 1 }, zombie).holds,
    ).toBe(true);
    expect(fencing.everyStep!(config, newEpoch, handle, appended(newEpoch, { producerEpoch: 1 })).holds).toBe(
      true,
    );
  });
});

/** Two partitions, led by brokers 0 and 1. */
const twoPartitions = configWith({ partitions: 2, faults: noFaults });
const start = initialState(twoPartitions);
const handle0: Action = { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' };

/** A data batch of PID 0 at `epoch`. */
const batch = (baseOffset: number, epoch: number): LogBatch => ({
  baseOffset,
  leaderEpoch: 0,
  producerId: 0,
  producerEpoch: epoch,
  baseSequence: baseOffset,
  records: [{ producer: 0, send: baseOffset }],
  transactional: false,
  control: null,
});

/** The state with `partition` led by `leader` (null: offline) and that leader's log set to `epochs`. */
function led(state: State, partition: number, leader: number | null, epochs: readonly number[]): State {
  const p = state.partitions[partition]!;
  const log = epochs.map((epoch, offset) => batch(offset, epoch));
  const replicas = p.replicas.map((r) =>
    r.broker === (leader ?? p.leader) ? { ...r, log, logEndOffset: log.length } : r,
  );
  const partitions = state.partitions.map((q, i) => (i === partition ? { ...q, leader, replicas } : q));
  return { ...state, partitions };
}

describe('fencing on forged logs of two partitions', () => {
  it('fencing: the epoch a leader has seen is the highest in its log, so a second zombie batch is named too (KIP-98)', () => {
    // Expected: a log that already holds epoch 1 then a stray epoch 0 still names the next epoch-0 batch, after epoch 1.
    const before = led(start, 0, 0, [1, 0]);
    const after = led(start, 0, 0, [1, 0, 0]);
    expect(fencing.everyStep!(twoPartitions, before, handle0, after)).toEqual({
      holds: false,
      message:
        "partition 0's leader broker 0 appended a batch of PID 0 at epoch 0 at offset 2, after it had seen epoch 1",
      evidence: { partition: 0, producerId: 0, epoch: 0, seen: 1, offset: 2 },
    });
  });

  it('fencing: every partition the step changed is judged, not only the first', () => {
    // Expected: partition 0's append at the current epoch holds; partition 1's epoch-0 batch is named.
    const before = led(led(start, 0, 0, [1]), 1, 1, [1]);
    const after = led(led(start, 0, 0, [1, 1]), 1, 1, [1, 0]);
    expect(fencing.everyStep!(twoPartitions, before, handle0, after)).toEqual({
      holds: false,
      message:
        "partition 1's leader broker 1 appended a batch of PID 0 at epoch 0 at offset 1, after it had seen epoch 1",
      evidence: { partition: 1, producerId: 0, epoch: 0, seen: 1, offset: 1 },
    });
  });

  it('fencing: a partition offline before or after the step, or led by another broker after it, is not judged', () => {
    // Expected: each holds, though the log after ends with an epoch-0 batch behind epoch 1.
    const judge = (before: State, after: State) => fencing.everyStep!(twoPartitions, before, handle0, after);
    expect(judge(led(start, 0, null, [1]), led(start, 0, 0, [1, 0]))).toEqual({ holds: true });
    expect(judge(led(start, 0, 0, [1]), led(start, 0, null, [1, 0]))).toEqual({ holds: true });
    expect(judge(led(start, 0, 0, [1]), led(start, 0, 1, [1, 0]))).toEqual({ holds: true });
  });
});
