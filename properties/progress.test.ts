// progress judged at the end of forged runs: a partition left without a leader, a leader that
// never commits, a livelock, a transaction coordinator left mid-transaction, and the waiting
// client that excuses it.
import { describe, expect, it } from 'vitest';
import type { Action, State } from '../model/index.ts';
import { configWith, exactlyOnceConfig, noFaults, produceRequest, runActions } from '../model/testing.ts';
import { progress } from './progress.ts';

const config = configWith({ faults: noFaults });
const p0 = { producer: 0 } as const;
const ended = { quiescent: true, healSteps: 3 };
const atEnd = (state: State, ending = ended) => progress.atEnd!(config, state, ending);
const appended = runActions(config, [
  { type: 'InitProducerId', ...p0 },
  { type: 'Send', ...p0 },
  { type: 'SendProduce', ...p0, partition: 0 },
  { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
]);
const fetch = (broker: number): Action => ({ type: 'Fetch', partition: 0, broker });
const committed = runActions(config, [fetch(1), fetch(2), fetch(1), fetch(2)], appended);

const withBrokersUp = (state: State, up: boolean): State => ({
  ...state,
  brokers: state.brokers.map((b) => ({ ...b, up })),
});
const leaderless = (state: State): State => ({
  ...state,
  partitions: state.partitions.map((p) => ({ ...p, leader: null })),
});

describe('progress', () => {
  it('progress: holds once every record is committed and the heal phase reached quiescence', () => {
    // Expected: the leader's high watermark is its log end, nothing hangs.
    expect(committed.partitions[0]!.replicas[0]!.highWatermark).toBe(1);
    expect(atEnd(committed)).toEqual({ holds: true });
  });

  it('progress: a livelock, a leaderless partition with live replicas, and a stuck high watermark are each named', () => {
    // Expected: each message with its figures; a leaderless partition whose replicas are all down holds.
    expect(atEnd(committed, { quiescent: false, healSteps: 600 })).toEqual({
      holds: false,
      message: 'the cluster is still busy 600 steps after faults stopped (livelock)',
      evidence: { quiescent: false, healSteps: 600 },
    });
    expect(atEnd(leaderless(committed))).toEqual({
      holds: false,
      message: 'partition 0 has live replicas but no leader once faults stopped',
      evidence: { partition: 0 },
    });
    expect(atEnd(withBrokersUp(leaderless(committed), false))).toEqual({ holds: true });
    expect(atEnd(appended)).toEqual({
      holds: false,
      message:
        'leader broker 0 of partition 0 never commits offsets 0..0 (high watermark stuck at 0, ISR [0,1,2])',
      evidence: { partition: 0, highWatermark: 0, logEndOffset: 1 },
    });
  });

  it('progress: a transaction coordinator left mid-transaction is named, unless a client still waits on an answer', () => {
    // Expected: Ongoing is named; Empty, CompleteCommit and CompleteAbort hold; an in-flight request excuses it.
    const txConfig = configWith({ transactionalId: 't1', faults: noFaults });
    const start = runActions(txConfig, []);
    expect(start.transactions.length).toBeGreaterThan(0);
    const left = (state: string): State => ({
      ...start,
      transactions: start.transactions.map((t) => ({ ...t, state })) as State['transactions'],
    });
    expect(progress.atEnd!(txConfig, left('Ongoing'), ended)).toEqual({
      holds: false,
      message: 'the transaction coordinator of transactional.id 0 is left Ongoing once faults stopped',
      evidence: { transactionalId: 0, state: 'Ongoing' },
    });
    for (const state of ['Empty', 'CompleteCommit', 'CompleteAbort']) {
      expect(progress.atEnd!(txConfig, left(state), ended).holds, state).toBe(true);
    }
    const client = start.producers[0]!;
    const waiting: State = {
      ...left('Ongoing'),
      producers: [
        { ...client, transaction: { ...client.transaction!, awaiting: 0 } },
        ...start.producers.slice(1),
      ],
    };
    expect(progress.atEnd!(txConfig, waiting, ended).holds).toBe(true);
    const stopped: State = {
      ...waiting,
      producers: [{ ...waiting.producers[0]!, status: 'crashed' }],
    };
    expect(progress.atEnd!(txConfig, stopped, ended).holds).toBe(false);
  });
});

/** An exactly-once application: workload producer 0 (no transactional.id) and instance 0's producer 1. */
const appConfig = exactlyOnceConfig();

/** The application's group Stable with instance 0 a stable member, producer 1's coordinator Ongoing. */
function appOngoing(): State {
  const start = runActions(appConfig, []);
  const p = start.pipeline!;
  const members = [{ ...p.group.members[0]!, instance: 0 }];
  return {
    ...start,
    pipeline: {
      ...p,
      group: { ...p.group, state: 'Stable', generation: 1, members },
      instances: [{ ...p.instances[0]!, phase: 'stable', generation: 1 }],
    },
    transactions: [start.transactions[0]!, { ...start.transactions[1]!, state: 'Ongoing' }],
  };
}

describe('progress with waiting clients', () => {
  it('progress: a producer without transactional.id never excuses a coordinator left Ongoing', () => {
    // Expected: the workload producer has no transaction (and nothing in flight), so producer 1's Ongoing coordinator is named.
    const state = appOngoing();
    expect(state.producers[0]!.transaction).toBeNull();
    expect(progress.atEnd!(appConfig, state, ended)).toEqual({
      holds: false,
      message: 'the transaction coordinator of transactional.id 1 is left Ongoing once faults stopped',
      evidence: { transactionalId: 1, state: 'Ongoing' },
    });
  });

  it('progress: one client still waiting on an answer excuses the Ongoing coordinator, though the other is idle', () => {
    // Expected: producer 1 awaits its coordinator's answer while producer 0 waits on nothing: holds.
    const state = appOngoing();
    const client = state.producers[1]!;
    const waiting: State = {
      ...state,
      producers: [state.producers[0]!, { ...client, transaction: { ...client.transaction!, awaiting: 0 } }],
    };
    expect(progress.atEnd!(appConfig, waiting, ended)).toEqual({ holds: true });
  });

  it('progress: a produce request in flight to any one broker, or an answer awaited from coordinator broker 2, is an answer still to come', () => {
    // Expected: a batch in flight to broker 0 only (none to brokers 1 and 2) excuses the Ongoing coordinator, and so does awaiting broker 2.
    const txConfig = configWith({ transactionalId: 't1', faults: noFaults });
    const start = runActions(txConfig, []);
    const client = start.producers[0]!;
    const batch = produceRequest([{ producer: 0, send: 0 }]).batch;
    const ongoing: State = { ...start, transactions: [{ ...start.transactions[0]!, state: 'Ongoing' }] };
    const inFlight: State = {
      ...ongoing,
      producers: [{ ...client, inFlight: [[{ batch, expired: false }], [], []] }],
    };
    expect(progress.atEnd!(txConfig, inFlight, ended)).toEqual({ holds: true });
    expect(progress.atEnd!(txConfig, ongoing, ended).holds).toBe(false);
    expect(ongoing.transactions[0]!.coordinator).toBe(2);
    const awaiting: State = {
      ...ongoing,
      producers: [{ ...client, transaction: { ...client.transaction!, awaiting: 2 } }],
    };
    expect(progress.atEnd!(txConfig, awaiting, ended)).toEqual({ holds: true });
  });

  it('progress: a partition whose replicas are all down has no last stable offset to judge; its coordinator still is', () => {
    // Expected: every broker down, the coordinator left Ongoing is named.
    const txConfig = configWith({ transactionalId: 't1', faults: noFaults });
    const start = runActions(txConfig, []);
    const down: State = {
      ...withBrokersUp(start, false),
      transactions: [{ ...start.transactions[0]!, state: 'Ongoing' }],
    };
    expect(progress.atEnd!(txConfig, down, ended)).toEqual({
      holds: false,
      message: 'the transaction coordinator of transactional.id 0 is left Ongoing once faults stopped',
      evidence: { transactionalId: 0, state: 'Ongoing' },
    });
  });
});
