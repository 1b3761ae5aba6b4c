/**
 * The coordinator learns how its markers fared (Kafka's WriteTxnMarkers responses, sent once the
 * marker is replicated): a marker below its leader's high watermark in the epoch it was written
 * is done; a leader change before that means it is written again. Once every marker of a
 * prepared transaction is done, the transaction is Complete*.
 */
import { partitionAt } from '../cluster.ts';
import type { ModelConfig } from '../config.ts';
import type { PendingMarker, State, TransactionMetadata } from '../state.ts';
import { complete, markersDone, withTransaction } from './metadata.ts';

function settle(state: State, m: PendingMarker): PendingMarker | null {
  if (m.offset < 0) return m;
  const p = partitionAt(state, m.partition);
  if (p.leaderEpoch !== m.leaderEpoch || p.leader === null) return { ...m, offset: -1, leaderEpoch: -1 };
  const leader = p.replicas.find((r) => r.broker === p.leader)!;
  return leader.highWatermark > m.offset ? null : m;
}

/** The reaction for one partition: settles every transaction's marker there. */
export function completeTxnMarkers(_config: ModelConfig, state: State, partition: number): State {
  let next = state;
  state.transactions.forEach((t, producer) => {
    const marker = t.pendingMarkers.find((m) => m.partition === partition);
    if (marker === undefined) return;
    const settled = settle(state, marker);
    if (settled === marker) return;
    const pendingMarkers =
      settled === null
        ? t.pendingMarkers.filter((m) => m !== marker)
        : t.pendingMarkers.map((m) => (m === marker ? settled : m));
    const updated: TransactionMetadata = { ...t, pendingMarkers };
    next = withTransaction(next, producer, markersDone(updated) ? complete(updated) : updated);
  });
  return next;
}
