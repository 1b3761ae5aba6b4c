// Five of Kafka's rules that a mutation of the model once broke without a test noticing: each
// test below pins one, named after the Kafka code that keeps it.
import { describe, expect, it } from 'vitest';
import { type Action, actionKey } from './action.ts';
import { enabled } from './machine.ts';
import { afterExpiredBatch, configWith, expiredBatchConfig, noFaults, runActions } from './testing.ts';

const p0 = { producer: 0 } as const;
const fetch = (broker: number): Action => ({ type: 'Fetch', partition: 0, broker });
const produce: Action[] = [
  { type: 'Send', ...p0 },
  { type: 'SendProduce', ...p0, partition: 0 },
  { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
];
const keys = (actions: readonly Action[]) => actions.map(actionKey);

describe('kafka rules', () => {
  it('ISR expansion: a follower rejoins only once it reaches the leader epoch start offset (Partition.isFollowerInSync, KIP-903)', () => {
    // Expected: broker 2, at the high watermark but below where epoch 1 begins, stays out; one fetch later it is back.
    const config = configWith({ minInsyncReplicas: 2, faults: { ...noFaults, crash: 1, isr: 1 } });
    const recovering = runActions(config, [
      { type: 'InitProducerId', ...p0 },
      ...produce,
      ...[fetch(1), fetch(2), fetch(1), fetch(2)],
      { type: 'HandleProduceResponse', ...p0, broker: 0 },
      ...produce,
      ...[fetch(1), fetch(1)],
      { type: 'CrashBroker', broker: 0, powerLoss: false },
      { type: 'ElectLeader', partition: 0, broker: 1 },
      { type: 'ShrinkIsr', partition: 0, broker: 2 },
      { type: 'OffsetsForLeaderEpoch', broker: 2, partition: 0 },
    ]);
    const leader = recovering.partitions[0]!.replicas[1]!;
    expect([
      leader.highWatermark,
      leader.logEndOffset,
      recovering.partitions[0]!.replicas[2]!.logEndOffset,
    ]).toEqual([1, 2, 1]);
    const atHighWatermark = runActions(config, [fetch(2)], recovering);
    expect(atHighWatermark.partitions[0]!.isr).toEqual([1]);
    expect(runActions(config, [fetch(2)], atHighWatermark).partitions[0]!.isr).toEqual([1, 2]);
  });

  it('ISR shrink: a follower whose fetch offset is the leader log end is never lagging (Partition.isCaughtUp)', () => {
    // Expected: broker 1, caught up, cannot be dropped; broker 2, a record behind, can.
    const config = configWith({ faults: { ...noFaults, isr: 1 } });
    const state = runActions(config, [{ type: 'InitProducerId', ...p0 }, ...produce, fetch(1), fetch(1)]);
    expect(state.partitions[0]!.followerEndOffsets).toEqual([0, 1, 0]);
    const possible = keys(enabled(config, state));
    expect(possible).not.toContain(actionKey({ type: 'ShrinkIsr', partition: 0, broker: 1 }));
    expect(possible).toContain(actionKey({ type: 'ShrinkIsr', partition: 0, broker: 2 }));
  });

  it('unclean election: a replica outside the ISR is elected only when every ISR member is down (PartitionLeaderElectionAlgorithms.uncleanLeaderElection)', () => {
    // Expected: with unclean.leader.election.enable=true, broker 2 (out of the ISR) may not lead while broker 1 (in it) is up.
    const config = configWith({
      uncleanLeaderElectionEnable: true,
      faults: { ...noFaults, crash: 2, isr: 1 },
    });
    const leaderDown = runActions(config, [
      { type: 'InitProducerId', ...p0 },
      ...produce,
      { type: 'ShrinkIsr', partition: 0, broker: 2 },
      { type: 'CrashBroker', broker: 0, powerLoss: false },
    ]);
    expect(leaderDown.partitions[0]!.isr).toEqual([1]);
    const possible = keys(enabled(config, leaderDown));
    expect(possible).toContain(actionKey({ type: 'ElectLeader', partition: 0, broker: 1 }));
    expect(possible).not.toContain(actionKey({ type: 'ElectLeader', partition: 0, broker: 2 }));
    const allDown = runActions(config, [{ type: 'CrashBroker', broker: 1, powerLoss: false }], leaderDown);
    expect(keys(enabled(config, allDown))).toContain(
      actionKey({ type: 'ElectLeader', partition: 0, broker: 2 }),
    );
  });

  describe('the idempotent producer after an expired batch (batch.size=1, delivery.timeout.ms expires)', () => {
    const config = expiredBatchConfig;
    const expired = afterExpiredBatch();

    it('KIP-360: the epoch bump renumbers the unfinished batches from sequence 0 (TransactionManager.bumpIdempotentEpochAndResetIdIfNeeded)', () => {
      // Expected: the batch left at sequence 1 of epoch 0 is sequence 0 of epoch 1 after the bump.
      const before = expired.producers[0]!.partitions[0]!.accumulator[0]!;
      expect([before.producerEpoch, before.baseSequence]).toEqual([0, 1]);
      const bumped = runActions(config, [{ type: 'BumpProducerEpoch', ...p0 }], expired);
      const after = bumped.producers[0]!.partitions[0]!.accumulator[0]!;
      expect([bumped.producers[0]!.producerEpoch, after.producerEpoch, after.baseSequence]).toEqual([
        1, 1, 0,
      ]);
      expect(bumped.producers[0]!.partitions[0]!.nextSequence).toBe(1);
    });

    it('fencing: a request of an older producer epoch is refused with InvalidProducerEpoch (ProducerAppendInfo.checkProducerEpoch)', () => {
      // Expected: once epoch 1 has appended, the abandoned epoch-0 requests the broker handles late append nothing.
      const newEpoch = runActions(
        config,
        [
          { type: 'BumpProducerEpoch', ...p0 },
          { type: 'SendProduce', ...p0, partition: 0 },
          { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
        ],
        expired,
      );
      const epochs = (s: typeof newEpoch) => s.partitions[0]!.replicas[0]!.log.map((b) => b.producerEpoch);
      expect(epochs(newEpoch)).toEqual([1]);
      const late = runActions(
        config,
        [
          { type: 'HandleProduce', ...p0, broker: 0, from: 'orphan' },
          { type: 'HandleProduce', ...p0, broker: 0, from: 'orphan' },
        ],
        newEpoch,
      );
      expect(epochs(late)).toEqual([1]);
    });
  });
});
