import { describe, expect, it } from 'vitest';
import type { Action } from './action.ts';
import { configWith, noFaults, runActions } from './testing.ts';

const p0 = { producer: 0 } as const;
const fetch = (broker: number): Action => ({ type: 'Fetch', partition: 0, broker });
const produceOne: Action[] = [
  { type: 'InitProducerId', ...p0 },
  { type: 'Send', ...p0 },
  { type: 'SendProduce', ...p0, partition: 0 },
  { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
];

describe('replication', () => {
  it('replication: high watermark: a follower learns it one fetch after the leader (RF=3)', () => {
    // Expected: the fetch that completes replication advances the leader's HW and hands it only to that follower.
    const config = configWith({ faults: noFaults });
    const state = runActions(config, [...produceOne, fetch(1), fetch(2), fetch(1), fetch(2)]);
    const [leader, b1, b2] = state.partitions[0]!.replicas;
    expect([leader!.highWatermark, b1!.highWatermark, b2!.highWatermark]).toEqual([1, 0, 1]);
  });

  it('replication: min.insync.replicas: the high watermark waits while the ISR is too small (Kafka 3.9)', () => {
    // Expected: with the ISR shrunk to the leader and min.insync.replicas=2, nothing is committed.
    const config = configWith({ minInsyncReplicas: 2, faults: { ...noFaults, isr: 2 } });
    const state = runActions(config, [
      ...produceOne,
      { type: 'ShrinkIsr', partition: 0, broker: 1 },
      { type: 'ShrinkIsr', partition: 0, broker: 2 },
    ]);
    expect(state.partitions[0]!.isr).toEqual([0]);
    expect(state.partitions[0]!.replicas[0]!.highWatermark).toBe(0);
  });

  it('replication: ISR: a dropped follower rejoins once its fetch offset reaches the high watermark', () => {
    // Expected: broker 2 leaves the ISR while lagging and is back after fetching up to the leader.
    const config = configWith({ faults: { ...noFaults, isr: 1 } });
    const state = runActions(config, [
      ...produceOne,
      { type: 'ShrinkIsr', partition: 0, broker: 2 },
      fetch(1),
      fetch(1),
      fetch(2),
      fetch(2),
    ]);
    expect(state.partitions[0]!.isr).toEqual([0, 1, 2]);
  });

  it('replication: crash: the controller fences a crashed leader and a clean election follows (crash=1)', () => {
    // Expected: the partition goes offline, then broker 1 leads in epoch 1 with the remaining ISR.
    const config = configWith({ faults: { ...noFaults, crash: 1 } });
    const crashed = runActions(config, [{ type: 'CrashBroker', broker: 0, powerLoss: false }]);
    expect(crashed.partitions[0]!.leader).toBeNull();
    expect(crashed.partitions[0]!.isr).toEqual([1, 2]);
    const elected = runActions(config, [{ type: 'ElectLeader', partition: 0, broker: 1 }], crashed);
    expect([elected.partitions[0]!.leader, elected.partitions[0]!.leaderEpoch]).toEqual([1, 1]);
  });

  it('replication: last ISR member: it stays in the ISR while down and leads again when it returns', () => {
    // Expected: after both followers crash and the leader loses power, the leader is the only electable broker.
    const config = configWith({ faults: { ...noFaults, crash: 2, powerLoss: 1 } });
    const state = runActions(config, [
      { type: 'CrashBroker', broker: 1, powerLoss: false },
      { type: 'CrashBroker', broker: 2, powerLoss: false },
      { type: 'CrashBroker', broker: 0, powerLoss: true },
      { type: 'RestartBroker', broker: 0 },
      { type: 'RestartBroker', broker: 1 },
      { type: 'ElectLeader', partition: 0, broker: 0 },
    ]);
    expect(state.partitions[0]!.isr).toEqual([0]);
    expect(state.partitions[0]!.leader).toBe(0);
  });
});
