/**
 * What an observer can read off a state: the committed log of each partition's leader, and the
 * application's sends with their outcomes. Properties judge these, not the model's internals.
 */
import {
  fetchRecords,
  type LogBatch,
  lastStableOffset,
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

/**
 * The records a consumer could read from a partition: the leader's log below its high watermark;
 * with transactions, what read_committed returns (below the last stable offset, without aborted
 * transactions' records).
 */
export function committedRecords(state: State, partition: number): LoggedRecord[] | null {
  const leader = leaderReplica(state, partition);
  if (leader === null) return null;
  return loggedRecords(state, leader, true);
}

/**
 * A leader's records, committed only or all of them. With transactions the records of aborted
 * transactions do not count, and "committed" means below the last stable offset.
 */
export function loggedRecords(state: State, leader: Replica, committedOnly: boolean): LoggedRecord[] {
  if (state.transactions.length === 0) {
    return recordsOf(state, leader.log, committedOnly ? leader.highWatermark : Number.POSITIVE_INFINITY);
  }
  const bound = committedOnly ? lastStableOffset(leader) : Number.POSITIVE_INFINITY;
  return fetchRecords(leader, 0, bound, true).map(({ offset, ref }) => ({
    offset,
    ref,
    record: state.sends[ref.producer]![ref.send]!.record,
  }));
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
