/**
 * What a partition's log says about transactions, derived from the log itself as Kafka's
 * ProducerStateManager and the aborted-transaction index are rebuilt from it: which transaction
 * each batch belongs to and how that transaction ended, the ongoing transactions, the last stable
 * offset (LSO), and what a read_committed or read_uncommitted fetch returns. A new leader has
 * all of it as soon as it has the log.
 */
import type { ControlType, LogBatch, RecordRef, Replica } from '../state.ts';

/** How the transaction of a data batch stands in a log: ended by a marker at an offset, or still open. */
export interface BatchFate {
  readonly batch: LogBatch;
  /** The marker that ends the batch's transaction, or null while it is open (or the batch is not transactional). */
  readonly marker: { readonly offset: number; readonly type: ControlType } | null;
}

/** Every data batch of a log with the fate of its transaction, in log order. */
export function batchFates(log: readonly LogBatch[]): readonly BatchFate[] {
  const fates: { batch: LogBatch; marker: BatchFate['marker'] }[] = [];
  const open = new Map<number, number[]>();
  for (const batch of log) {
    if (batch.control !== null) {
      for (const i of open.get(batch.producerId) ?? []) {
        fates[i]!.marker = { offset: batch.baseOffset, type: batch.control };
      }
      open.delete(batch.producerId);
      continue;
    }
    if (batch.transactional) {
      const list = open.get(batch.producerId);
      if (list === undefined) open.set(batch.producerId, [fates.length]);
      else list.push(fates.length);
    }
    fates.push({ batch, marker: null });
  }
  return fates;
}

/**
 * Whether a PID has an ongoing transaction in this log (data batches with no marker after them):
 * what KIP-890's verification asks before it lets a transactional batch start one. Given an
 * epoch, the ongoing transaction must be of that epoch (Kafka 4.0's
 * UnifiedLog.hasOngoingTransaction(producerId, producerEpoch)): under transaction version 2 a
 * batch of the next epoch starts a new transaction even while the last one's marker is pending.
 */
export function hasOngoingTransaction(replica: Replica, producerId: number, producerEpoch?: number): boolean {
  for (let i = replica.log.length - 1; i >= 0; i--) {
    const batch = replica.log[i]!;
    if (batch.producerId !== producerId) continue;
    const ongoing = batch.control === null && batch.transactional;
    return ongoing && (producerEpoch === undefined || batch.producerEpoch === producerEpoch);
  }
  return false;
}

/**
 * Kafka's last stable offset: the first offset of the earliest transaction not yet completed by a
 * marker below the high watermark (UnifiedLog.firstUnstableOffset), else the high watermark.
 */
export function lastStableOffset(replica: Replica): number {
  const hw = replica.highWatermark;
  for (const fate of batchFates(replica.log)) {
    if (fate.batch.baseOffset >= hw) break;
    if (!fate.batch.transactional) continue;
    if (fate.marker === null || fate.marker.offset >= hw) return fate.batch.baseOffset;
  }
  return hw;
}

/** One record a fetch returns. */
export interface FetchedRecord {
  readonly offset: number;
  readonly ref: RecordRef;
}

/**
 * The records a fetch from `from` up to `bound` returns: every data record with
 * `read_uncommitted`; with `read_committed`, skipping the records of aborted transactions (the
 * aborted-transaction index) and never a control batch.
 */
export function fetchRecords(
  replica: Replica,
  from: number,
  bound: number,
  skipAborted: boolean,
): readonly FetchedRecord[] {
  const out: FetchedRecord[] = [];
  for (const fate of batchFates(replica.log)) {
    const { batch } = fate;
    if (batch.baseOffset >= bound) break;
    if (skipAborted && fate.marker?.type === 'ABORT') continue;
    batch.records.forEach((ref, i) => {
      const offset = batch.baseOffset + i;
      if (offset >= from && offset < bound) out.push({ offset, ref });
    });
  }
  return out;
}
