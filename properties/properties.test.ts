import { describe, expect, it } from 'vitest';
import type { Action } from '../model/index.ts';
import { configWith, noFaults, runActions } from '../model/testing.ts';
import { noDuplicate } from './no-duplicate.ts';
import { noLoss } from './no-loss.ts';
import { order } from './order.ts';
import { progress } from './progress.ts';
import { replicaConsistency } from './replica-consistency.ts';

const p0 = { producer: 0 } as const;
const produce = (broker = 0): Action[] => [
  { type: 'SendProduce', ...p0, partition: 0 },
  { type: 'HandleProduce', ...p0, broker, from: 'connection' },
];

describe('properties', () => {
  it('no-loss: an acks=1 record acknowledged before replication is lost by a leader change (acks=1)', () => {
    // Expected: holds right after the acknowledgement, broken once broker 1 leads without the record.
    const config = configWith({ acks: '1', enableIdempotence: false, faults: { ...noFaults, crash: 1 } });
    const acked = runActions(config, [
      { type: 'Send', ...p0 },
      ...produce(),
      { type: 'HandleProduceResponse', ...p0, broker: 0 },
    ]);
    expect(noLoss.always!(config, acked).holds).toBe(true);
    const lost = runActions(
      config,
      [
        { type: 'CrashBroker', broker: 0, powerLoss: false },
        { type: 'ElectLeader', partition: 0, broker: 1 },
      ],
      acked,
    );
    const judged = noLoss.always!(config, lost);
    expect(judged.holds).toBe(false);
    if (!judged.holds) expect(judged.message).toMatch(/record 0 .* acknowledged at offset 0/);
  });

  it('no-loss: acks=0 counts a record sent while its request is on the wire, and lost when the wire drops it', () => {
    // Expected: in transit is not lost; a lost request is.
    const config = configWith({ acks: '0', enableIdempotence: false, faults: { ...noFaults, network: 1 } });
    const sent = runActions(config, [
      { type: 'Send', ...p0 },
      { type: 'SendProduce', ...p0, partition: 0 },
    ]);
    expect(sent.sends[0]![0]!.outcome.status).toBe('acknowledged');
    expect(noLoss.always!(config, sent).holds).toBe(true);
    const dropped = runActions(config, [{ type: 'LoseRequest', ...p0, broker: 0 }], sent);
    expect(noLoss.always!(config, dropped).holds).toBe(false);
  });

  it('no-duplicate and order: a retry without idempotence lands twice and after a later batch', () => {
    // Expected: record 0 committed twice, the second copy after record 1: a duplicate, not a reordering.
    const config = configWith({
      acks: '1',
      enableIdempotence: false,
      replicationFactor: 1,
      brokers: 1,
      batchSize: 1,
      faults: { ...noFaults, network: 1 },
    });
    const state = runActions(config, [
      { type: 'Send', ...p0 },
      { type: 'Send', ...p0 },
      ...produce(),
      { type: 'RequestTimeout', ...p0, broker: 0 },
      ...produce(),
      ...produce(),
    ]);
    expect(noDuplicate.always!(config, state).holds).toBe(false);
    expect(order.always!(config, state).holds).toBe(true);
  });

  it('order: a batch retried behind a later one breaks send() order (idempotence off, 2 in flight)', () => {
    // Expected: record 1 lands before record 0 after a reset fails both and the retries go out reversed.
    const config = configWith({
      acks: '1',
      enableIdempotence: false,
      replicationFactor: 1,
      brokers: 1,
      batchSize: 1,
      faults: { ...noFaults, network: 1 },
    });
    const state = runActions(config, [
      { type: 'Send', ...p0 },
      { type: 'Send', ...p0 },
      { type: 'SendProduce', ...p0, partition: 0 },
      { type: 'SendProduce', ...p0, partition: 0 },
      { type: 'ResetConnection', ...p0, broker: 0 },
      ...produce(),
      ...produce(),
    ]);
    const judged = order.always!(config, state);
    expect(judged.holds).toBe(false);
    if (!judged.holds) expect(judged.message).toMatch(/record 0 .* sent before record 1/);
  });

  it('replica-consistency: a replica whose high watermark falls back is reported', () => {
    // Expected: the step property sees broker 0's high watermark move back after an unclean election.
    const config = configWith({
      uncleanLeaderElectionEnable: true,
      faults: { ...noFaults, isr: 2, crash: 1 },
    });
    const before = runActions(config, [
      { type: 'InitProducerId', ...p0 },
      { type: 'Send', ...p0 },
      ...produce(),
      { type: 'ShrinkIsr', partition: 0, broker: 1 },
      { type: 'ShrinkIsr', partition: 0, broker: 2 },
      { type: 'CrashBroker', broker: 0, powerLoss: false },
      { type: 'ElectLeader', partition: 0, broker: 1 },
      { type: 'RestartBroker', broker: 0 },
    ]);
    const action: Action = { type: 'OffsetsForLeaderEpoch', partition: 0, broker: 0 };
    const after = runActions(config, [action], before);
    expect(replicaConsistency.everyStep!(config, before, action, after).holds).toBe(false);
    expect(replicaConsistency.always!(config, after).holds).toBe(true);
  });

  it('progress: an offline partition with live replicas, or a busy cluster, breaks progress', () => {
    // Expected: holds on a fresh cluster; broken when the leader is down and no one was elected, or when heal hit its bound.
    const config = configWith({ faults: { ...noFaults, crash: 1 } });
    const fresh = runActions(config, []);
    expect(progress.atEnd!(config, fresh, { quiescent: true, healSteps: 0 }).holds).toBe(true);
    expect(progress.atEnd!(config, fresh, { quiescent: false, healSteps: 600 }).holds).toBe(false);
    const offline = runActions(config, [{ type: 'CrashBroker', broker: 0, powerLoss: false }]);
    expect(progress.atEnd!(config, offline, { quiescent: true, healSteps: 0 }).holds).toBe(false);
  });
});
