// Transactional offsets at the group coordinator (KIP-98, KIP-447): TxnOffsetCommit stores them as
// pending under the producer id, and the transaction's marker commits or drops them
// (GroupMetadata.prepareTxnOffsetCommit, completePendingTxnOffsetCommit).
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config.ts';
import { initialState, type State } from '../state.ts';
import { configWith, exactlyOnceConfig } from '../testing.ts';
import { completePendingOffsets, hasPendingOffset, storePendingOffsets } from './txn-offsets.ts';

/** exactlyOnceConfig with two input partitions: instance 0's producer is slot 1. */
const base = exactlyOnceConfig();
const config: ModelConfig = configWith({
  ...base,
  partitions: 3,
  pipeline: { ...base.pipeline!, inputPartitions: 2 },
});
const initial = initialState(config);

/** Instance 0 owns input partition 0 at position 4, its producer has PID 5; PID 3 and PID 5 have pending offsets. */
function forged(pending5: readonly number[]): State {
  const pipeline = initial.pipeline!;
  return {
    ...initial,
    producers: initial.producers.map((p, i) => (i === 1 ? { ...p, producerId: 5 } : p)),
    pipeline: {
      ...pipeline,
      group: {
        ...pipeline.group,
        committed: [1, 2],
        pending: [
          { producerId: 3, offsets: [7, 8] },
          { producerId: 5, offsets: pending5 },
        ],
      },
      instances: pipeline.instances.map((inst, i) =>
        i === 0 ? { ...inst, owned: 1, positions: [4, -1] } : inst,
      ),
    },
  };
}

describe('storePendingOffsets', () => {
  it("TxnOffsetCommit adds to the offsets its producer id already has pending, leaving other producers' alone (GroupMetadata.prepareTxnOffsetCommit)", () => {
    // Expected: PID 5's pending partition 1 stays at 6 and partition 0 becomes 4; PID 3's entry is untouched and there is one entry per PID.
    const next = storePendingOffsets(config, forged([-1, 6]), 0);
    expect(next.pipeline!.group.pending).toEqual([
      { producerId: 3, offsets: [7, 8] },
      { producerId: 5, offsets: [4, 6] },
    ]);
  });
});

describe('completePendingOffsets', () => {
  it("the COMMIT marker makes the producer's pending offsets the group's committed ones, offset 0 included (GroupMetadata.completePendingTxnOffsetCommit)", () => {
    // Expected: partition 0 commits at 0, partition 1 without a pending offset keeps 2, and only PID 3's entry stays pending.
    const next = completePendingOffsets(forged([0, -1]), 5, true);
    expect(next.pipeline!.group.committed).toEqual([0, 2]);
    expect(next.pipeline!.group.pending).toEqual([{ producerId: 3, offsets: [7, 8] }]);
  });

  it("the ABORT marker drops the producer's pending offsets; a producer with none changes nothing (GroupMetadata.completePendingTxnOffsetCommit)", () => {
    // Expected: abort keeps the committed offsets and drops PID 5's entry; PID 9 has nothing pending.
    const state = forged([0, -1]);
    const aborted = completePendingOffsets(state, 5, false);
    expect(aborted.pipeline!.group.committed).toEqual([1, 2]);
    expect(aborted.pipeline!.group.pending.map((p) => p.producerId)).toEqual([3]);
    expect(completePendingOffsets(state, 9, true)).toBe(state);
  });
});

describe('hasPendingOffset', () => {
  it('a partition waits for a marker while some producer has an offset pending for it, offset 0 included (KIP-447 requireStable)', () => {
    // Expected: only partition 0 has a pending offset once PID 3's entry is gone.
    const state = completePendingOffsets(forged([0, -1]), 3, false);
    expect([hasPendingOffset(state, 0), hasPendingOffset(state, 1)]).toEqual([true, false]);
  });
});
