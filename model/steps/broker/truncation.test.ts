import { describe, expect, it } from 'vitest';
import type { Action } from '../../action.ts';
import { defaultConfig, type TruncationVariant } from '../../config.ts';
import { stepModule } from '../../machine.ts';
import { configWith, noFaults, runActions } from '../../testing.ts';

const p0 = { producer: 0 } as const;
const fetch = (broker: number): Action => ({ type: 'Fetch', partition: 0, broker });

/** KIP-101's scenario: a follower with a stale high watermark truncates, then becomes the leader. */
function kip101(truncation: TruncationVariant) {
  const config = configWith({
    minInsyncReplicas: 2,
    faults: { ...noFaults, crash: 1, powerLoss: 1 },
    variants: { ...defaultConfig.variants, truncation },
  });
  const reconcile: Action =
    truncation === 'leader-epoch'
      ? { type: 'OffsetsForLeaderEpoch', partition: 0, broker: 1 }
      : { type: 'TruncateToHighWatermark', partition: 0, broker: 1 };
  return runActions(config, [
    { type: 'InitProducerId', ...p0 },
    { type: 'Send', ...p0 },
    { type: 'SendProduce', ...p0, partition: 0 },
    { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
    fetch(1),
    fetch(2),
    fetch(1),
    fetch(2),
    { type: 'HandleProduceResponse', ...p0, broker: 0 },
    { type: 'CrashBroker', broker: 0, powerLoss: false },
    { type: 'ElectLeader', partition: 0, broker: 2 },
    reconcile,
    { type: 'CrashBroker', broker: 2, powerLoss: true },
    { type: 'ElectLeader', partition: 0, broker: 1 },
  ]);
}

describe('truncation', () => {
  it('truncation: high-watermark (pre-KIP-101): the new leader lost the acknowledged record', () => {
    // Expected: broker 1 cut record 0 back to its stale high watermark 0, then became leader without it.
    const state = kip101('high-watermark');
    expect(state.sends[0]![0]!.outcome).toEqual({ status: 'acknowledged', offset: 0 });
    expect(state.partitions[0]!.leader).toBe(1);
    expect(state.partitions[0]!.replicas[1]!.logEndOffset).toBe(0);
  });

  it('truncation: leader-epoch (KIP-101, KIP-279): the same schedule keeps the record', () => {
    // Expected: OffsetsForLeaderEpoch finds no divergence, so broker 1 keeps record 0 and leads with it.
    const state = kip101('leader-epoch');
    expect(state.partitions[0]!.leader).toBe(1);
    expect(state.partitions[0]!.replicas[1]!.logEndOffset).toBe(1);
  });

  it('truncation: high-watermark (pre-KIP-101): a new follower cuts its log to its own high watermark, keeping what is below it (ReplicaFetcherThread before KIP-101)', () => {
    // Expected: broker 1 holds offsets 0-1 with high watermark 1; it truncates to 1, keeping record 0, and says so.
    const config = configWith({
      records: 2,
      minInsyncReplicas: 2,
      faults: { ...noFaults, crash: 1 },
      variants: { ...defaultConfig.variants, truncation: 'high-watermark' },
    });
    const before = runActions(config, [
      { type: 'InitProducerId', ...p0 },
      { type: 'Send', ...p0 },
      { type: 'SendProduce', ...p0, partition: 0 },
      { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
      fetch(1),
      fetch(2),
      fetch(1),
      fetch(2),
      { type: 'HandleProduceResponse', ...p0, broker: 0 },
      { type: 'Send', ...p0 },
      { type: 'SendProduce', ...p0, partition: 0 },
      { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
      fetch(1),
      { type: 'CrashBroker', broker: 0, powerLoss: false },
      { type: 'ElectLeader', partition: 0, broker: 2 },
    ]);
    const replica1 = (state: typeof before) => state.partitions[0]!.replicas[1]!;
    expect([replica1(before).logEndOffset, replica1(before).highWatermark]).toEqual([2, 1]);
    const truncate: Action = { type: 'TruncateToHighWatermark', partition: 0, broker: 1 };
    const after = runActions(config, [truncate], before);
    expect(replica1(after).logEndOffset).toBe(1);
    expect(stepModule('TruncateToHighWatermark').tell(config, before, truncate, after)).toEqual({
      actor: 'broker 1',
      message:
        'truncates partition 0 to its own high watermark 1, as brokers did on restart and on becoming a follower before KIP-101',
    });
  });
});
