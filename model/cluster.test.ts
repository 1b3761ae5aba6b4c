/**
 * Reading and rewriting parts of a state (cluster.ts, immutable.ts, connection.ts): the lookups
 * that refuse a part the cluster does not have, the live-leader rule, and copy-on-write that
 * hands back the very object when nothing changed (the reactions test that by identity).
 */
import { describe, expect, it } from 'vitest';
import { isUp, liveLeader, partitionAt, replicaOf, withPartition } from './cluster.ts';
import { connectionOf, respond } from './connection.ts';
import { replaceAt, updateAt } from './immutable.ts';
import { initialState } from './state.ts';
import { configWith, noFaults, runActions } from './testing.ts';

/** Two brokers, one partition with one replica on broker 0. */
const config = configWith({
  brokers: 2,
  partitions: 1,
  replicationFactor: 1,
  faults: { ...noFaults, network: 1 },
});

describe('cluster', () => {
  it('partitionAt and replicaOf: a partition or replica the cluster does not have is an error naming it', () => {
    // Expected: partition 1 of one, and broker 1 for a partition hosted on broker 0 only, are RangeErrors.
    const state = initialState(config);
    expect(partitionAt(state, 0)).toBe(state.partitions[0]);
    expect(() => partitionAt(state, 1)).toThrow(new RangeError('no partition 1'));
    expect(replicaOf(state.partitions[0]!, 0)).toBe(state.partitions[0]!.replicas[0]);
    expect(() => replicaOf(state.partitions[0]!, 1)).toThrow(
      new RangeError('broker 1 hosts no replica of this partition'),
    );
  });

  it("liveLeader: the leader's replica only while the partition has a leader and that broker is up", () => {
    // Expected: broker 0's replica at first; null with no leader; null when its leader's broker is down.
    const state = initialState(config);
    const p = state.partitions[0]!;
    expect(liveLeader(state, p)).toBe(p.replicas[0]);
    expect(liveLeader(state, { ...p, leader: null })).toBeNull();
    const down = { ...state, brokers: [{ up: false }, { up: true }] };
    expect(liveLeader(down, p)).toBeNull();
  });

  it('isUp: a broker the cluster does not have is not up', () => {
    // Expected: broker 0 is up; broker 5 of two is not (and is no error).
    const state = initialState(config);
    expect(isUp(state, 0)).toBe(true);
    expect(isUp(state, 5)).toBe(false);
  });
});

describe('copy-on-write', () => {
  it('replaceAt: the same item at the same place gives back the same array', () => {
    // Expected: the very array when nothing changes; a copy with the new item otherwise.
    const items = [1, 2, 3] as const;
    expect(replaceAt(items, 1, 2)).toBe(items);
    expect(replaceAt(items, 1, 5)).toEqual([1, 5, 3]);
    const state = initialState(config);
    expect(withPartition(state, 0, state.partitions[0]!).partitions).toBe(state.partitions);
  });

  it('updateAt: an index with no item is an error naming it', () => {
    // Expected: a RangeError for index 3 of three items, the update never called.
    const items = [1, 2, 3];
    expect(() => updateAt(items, 3, (n) => n + 1)).toThrow(new RangeError('no item at index 3'));
    expect(updateAt(items, 2, (n) => n + 1)).toEqual([1, 2, 4]);
  });
});

describe('connection', () => {
  it('respond: a stalled response stream swallows the response (TCP delivers in order or not at all)', () => {
    // Expected: after LoseResponse the connection is handed back unchanged; before it the response is appended.
    const p0 = { producer: 0 } as const;
    const answered = runActions(config, [
      { type: 'Send', ...p0 },
      { type: 'InitProducerId', ...p0 },
      { type: 'SendProduce', ...p0, partition: 0 },
      { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
    ]);
    const open = connectionOf(answered, 0, 0);
    const response = open.responses[0]!;
    expect(respond({ ...open, responses: [] }, response).responses).toEqual([response]);
    const lost = connectionOf(
      runActions(config, [{ type: 'LoseResponse', ...p0, broker: 0 }], answered),
      0,
      0,
    );
    expect(lost.responsesLost).toBe(true);
    expect(respond(lost, response)).toBe(lost);
  });
});
