// replica-consistency judged on a replicated partition and on forged copies of it in which an
// in-sync follower diverges from the leader or a high watermark moves back, as the pre-KIP-101
// truncation let them (the model itself no longer does by default).
import { describe, expect, it } from 'vitest';
import type { Action, Replica, State } from '../model/index.ts';
import { configWith, noFaults, runActions } from '../model/testing.ts';
import { replicaConsistency } from './replica-consistency.ts';

const config = configWith({ faults: { ...noFaults, crash: 1 } });
const p0 = { producer: 0 } as const;
const fetch = (broker: number): Action => ({ type: 'Fetch', partition: 0, broker });
const replicated = runActions(config, [
  { type: 'InitProducerId', ...p0 },
  { type: 'Send', ...p0 },
  { type: 'SendProduce', ...p0, partition: 0 },
  { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
  ...[fetch(1), fetch(2), fetch(1), fetch(2), fetch(1)],
]);

/** The state with replica `index` of partition 0 changed, and the partition's ISR if given. */
function withReplica(state: State, index: number, change: Partial<Replica>, isr?: readonly number[]): State {
  const p = state.partitions[0]!;
  const replicas = p.replicas.map((r, i) => (i === index ? { ...r, ...change } : r));
  return { ...state, partitions: [{ ...p, replicas, isr: isr ?? p.isr }] };
}

function followerLog(change: (batch: Replica['log'][number]) => Replica['log'][number]): Partial<Replica> {
  return { log: replicated.partitions[0]!.replicas[1]!.log.map(change) };
}

const always = (state: State) => replicaConsistency.always!(config, state);
const step = (action: Action, after: State) =>
  replicaConsistency.everyStep!(config, replicated, action, after);

describe('replica-consistency', () => {
  it('replica-consistency: holds once every in-sync replica has the committed record (KIP-101)', () => {
    // Expected: high watermark 1 on all three replicas, each holding the same batch.
    expect(replicated.partitions[0]!.replicas.map((r) => r.highWatermark)).toEqual([1, 1, 1]);
    expect(always(replicated)).toEqual({ holds: true });
    expect(replicaConsistency.atEnd!(config, replicated, { quiescent: true, healSteps: 0 })).toEqual({
      holds: true,
    });
  });

  it('replica-consistency: an in-sync follower holding another record at a committed offset is named', () => {
    // Expected: a different send, producer, epoch or record count at offset 0 breaks it, with the offset and both brokers.
    const message =
      'in-sync broker 1 and leader broker 0 hold different records at committed offset 0 of partition 0';
    const leaderLog = replicated.partitions[0]!.replicas[0]!.log;
    for (const diverged of [
      withReplica(
        replicated,
        1,
        followerLog((b) => ({ ...b, records: [{ ...b.records[0]!, send: 9 }] })),
      ),
      withReplica(
        replicated,
        1,
        followerLog((b) => ({ ...b, records: [{ ...b.records[0]!, producer: 9 }] })),
      ),
      withReplica(
        replicated,
        1,
        followerLog((b) => ({ ...b, leaderEpoch: 7 })),
      ),
      withReplica(
        replicated,
        1,
        followerLog((b) => ({ ...b, records: [...b.records, b.records[0]!] })),
      ),
      // The leader holds nothing at offset 0.
      withReplica(replicated, 0, { log: leaderLog.map((b) => ({ ...b, baseOffset: 5 })) }),
    ]) {
      expect(always(diverged)).toEqual({
        holds: false,
        message,
        evidence: { partition: 0, offset: 0, replica: 1, leader: 0 },
      });
    }
    expect(
      replicaConsistency.atEnd!(
        config,
        withReplica(
          replicated,
          2,
          followerLog((b) => ({ ...b, leaderEpoch: 7 })),
        ),
        { quiescent: true, healSteps: 0 },
      ).holds,
    ).toBe(false);
  });

  it('replica-consistency: a follower out of the ISR or down, or records above its high watermark, may differ', () => {
    // Expected: each holds: the ISR and the committed prefix are all the guarantee covers.
    const diverge = followerLog((b) => ({ ...b, leaderEpoch: 7 }));
    expect(always(withReplica(replicated, 1, diverge, [0, 2])).holds).toBe(true);
    const down = withReplica(replicated, 1, diverge);
    expect(
      always({ ...down, brokers: down.brokers.map((b, i) => (i === 1 ? { ...b, up: false } : b)) }).holds,
    ).toBe(true);
    expect(always(withReplica(replicated, 1, { ...diverge, highWatermark: 0 })).holds).toBe(true);
    expect(
      always({ ...replicated, partitions: [{ ...replicated.partitions[0]!, leader: null }] }).holds,
    ).toBe(true);
  });

  it('replica-consistency: an in-sync follower committed beyond the leader log end is named', () => {
    // Expected: high watermark 3 on broker 2 against a leader log ending at 1.
    expect(always(withReplica(replicated, 2, { highWatermark: 3 }))).toEqual({
      holds: false,
      message:
        "in-sync broker 2 has committed up to offset 3 of partition 0, but leader broker 0's log ends at 1",
      evidence: { partition: 0, replica: 2, leader: 0 },
    });
  });

  it('replica-consistency: a high watermark that moves back is named, unless a power loss of that broker took it', () => {
    // Expected: broker 1 from 1 to 0 breaks it on a fetch and on another broker's power loss, not on its own.
    const back = withReplica(replicated, 1, { highWatermark: 0 });
    expect(step(fetch(1), back)).toEqual({
      holds: false,
      message: "broker 1's high watermark of partition 0 moved back from 1 to 0",
      evidence: { partition: 0, broker: 1, from: 1, to: 0 },
    });
    expect(step({ type: 'CrashBroker', broker: 1, powerLoss: true }, back).holds).toBe(true);
    expect(step({ type: 'CrashBroker', broker: 2, powerLoss: true }, back).holds).toBe(false);
    expect(step({ type: 'CrashBroker', broker: 1, powerLoss: false }, back).holds).toBe(false);
    expect(step(fetch(1), replicated).holds).toBe(true);
    expect(step(fetch(1), withReplica(replicated, 1, { highWatermark: 2 })).holds).toBe(true);
  });
});
