// fencing judged on the steps of an epoch bump (KIP-360) and on a forged one that appends a
// zombie's batch: the property must see what the model is meant to prevent.
import { describe, expect, it } from 'vitest';
import type { Action, LogBatch, State } from '../model/index.ts';
import { afterExpiredBatch, expiredBatchConfig as config, runActions } from '../model/testing.ts';
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
