/**
 * What an observer can read off a state: the committed log of each partition's leader, and the
 * application's sends with their outcomes. Properties judge these, not the model's internals.
 */
import {
  type LogBatch,
  type ModelConfig,
  partitionOf,
  type RecordRef,
  type Replica,
  type Send,
  type State,
} from '../model/index.ts';

export interface LoggedRecord {
  readonly offset: number;
  readonly ref: RecordRef;
  /** The workload record the application sent. */
  readonly record: number;
}

/** The live leader's replica of a partition, or null while the partition is offline. */
export function leaderReplica(state: State, partition: number): Replica | null {
  const p = state.partitions[partition]!;
  if (p.leader === null || !state.brokers[p.leader]?.up) return null;
  return p.replicas.find((r) => r.broker === p.leader) ?? null;
}

export function recordsOf(
  state: State,
  log: readonly LogBatch[],
  below = Number.POSITIVE_INFINITY,
): LoggedRecord[] {
  const out: LoggedRecord[] = [];
  for (const batch of log) {
    batch.records.forEach((ref, i) => {
      const offset = batch.baseOffset + i;
      if (offset < below) out.push({ offset, ref, record: state.sends[ref.producer]![ref.send]!.record });
    });
  }
  return out;
}

/** Every online partition's committed records, partition by partition. */
export function* committedLogs(state: State): Generator<{ partition: number; records: LoggedRecord[] }> {
  for (let partition = 0; partition < state.partitions.length; partition++) {
    const records = committedRecords(state, partition);
    if (records !== null) yield { partition, records };
  }
}

/** The records a consumer could read from a partition: the leader's log below its high watermark. */
export function committedRecords(state: State, partition: number): LoggedRecord[] | null {
  const leader = leaderReplica(state, partition);
  return leader === null ? null : recordsOf(state, leader.log, leader.highWatermark);
}

export interface AcknowledgedSend {
  readonly producer: number;
  readonly send: number;
  readonly detail: Send;
}

export function acknowledgedSends(state: State): AcknowledgedSend[] {
  const out: AcknowledgedSend[] = [];
  state.sends.forEach((row, producer) => {
    row.forEach((detail, send) => {
      if (detail.outcome.status === 'acknowledged') out.push({ producer, send, detail });
    });
  });
  return out;
}

/** Whether a record of a producer is still travelling towards a broker in some produce request. */
export function inTransit(state: State, producer: number, record: number): boolean {
  for (const row of state.connections) {
    for (const c of row) {
      const requests = [...c.requests, ...c.orphans];
      for (const r of requests) {
        if (
          r.kind === 'Produce' &&
          r.batch.records.some(
            (ref) => ref.producer === producer && state.sends[producer]![ref.send]!.record === record,
          )
        ) {
          return true;
        }
      }
    }
  }
  return false;
}

export function describeRecord(producer: number, record: number, config: ModelConfig): string {
  const who = config.producers > 1 ? `producer ${producer}'s record ${record}` : `record ${record}`;
  return `${who} (partition ${partitionOf(config, record)})`;
}
