/**
 * A replica's log: appending, truncating, flushing, and what Kafka derives from the log itself
 * (the leader-epoch cache and the idempotent producer state), so neither is stored twice.
 */
import type { ModelConfig } from './config.ts';
import type { LogBatch, Replica } from './state.ts';

/** The offset after a batch: a control batch (a transaction marker) takes one offset. */
export function batchEndOffset(batch: LogBatch): number {
  return batch.baseOffset + (batch.control === null ? batch.records.length : 1);
}

/** Appends batches at the log end; the OS page cache takes them, fsync only per `flush.messages`. */
export function appendBatches(config: ModelConfig, replica: Replica, batches: readonly LogBatch[]): Replica {
  if (batches.length === 0) return replica;
  const log = [...replica.log, ...batches];
  const logEndOffset = batchEndOffset(batches[batches.length - 1]!);
  const flushedOffset =
    logEndOffset - replica.flushedOffset >= config.flushMessages ? logEndOffset : replica.flushedOffset;
  return { ...replica, log, logEndOffset, flushedOffset };
}

/** Removes every batch at or above `offset` (batches never straddle it in this model). */
export function truncateTo(replica: Replica, offset: number): Replica {
  if (offset >= replica.logEndOffset) return replica;
  const log = replica.log.filter((b) => batchEndOffset(b) <= offset);
  const logEndOffset = log.length === 0 ? 0 : batchEndOffset(log[log.length - 1]!);
  return {
    ...replica,
    log,
    logEndOffset,
    highWatermark: Math.min(replica.highWatermark, logEndOffset),
    flushedOffset: Math.min(replica.flushedOffset, logEndOffset),
  };
}

/** The batches a leader serves to a fetch from `offset`. */
export function batchesFrom(replica: Replica, offset: number): readonly LogBatch[] {
  return replica.log.filter((b) => b.baseOffset >= offset);
}

/**
 * The offset up to which two logs agree, batch for batch. Batches with the same leader epoch at
 * the same offset are copies of one append (one leader per epoch), so this is where Kafka's
 * OffsetsForLeaderEpoch exchange (KIP-101, repeated per KIP-279) makes a follower truncate.
 */
export function divergenceOffset(follower: Replica, leader: Replica): number {
  let offset = 0;
  const n = Math.min(follower.log.length, leader.log.length);
  for (let i = 0; i < n; i++) {
    const f = follower.log[i]!;
    const l = leader.log[i]!;
    if (f.baseOffset !== l.baseOffset || f.leaderEpoch !== l.leaderEpoch) break;
    offset = batchEndOffset(f);
  }
  return offset;
}

/**
 * Where the current leader epoch began in the leader's log: its first batch of that epoch, or
 * its log end if it has appended nothing since it was elected.
 */
export function epochStartOffset(leader: Replica, leaderEpoch: number): number {
  const first = leader.log.find((b) => b.leaderEpoch === leaderEpoch);
  return first ? first.baseOffset : leader.logEndOffset;
}

/**
 * A leader's answer to OffsetsForLeaderEpoch for `leaderEpoch`: where its largest epoch at or
 * below it ends (the first offset of the next epoch in its log, or its log end), or null when it
 * has no such epoch (Kafka's UNDEFINED_EPOCH_OFFSET). Its leader-epoch cache is read off its batches.
 */
export function epochEndOffset(leader: Replica, leaderEpoch: number): number | null {
  if (!leader.log.some((b) => b.leaderEpoch <= leaderEpoch)) return null;
  const next = leader.log.find((b) => b.leaderEpoch > leaderEpoch);
  return next ? next.baseOffset : leader.logEndOffset;
}

/** What a broker's ProducerStateManager remembers of one PID, rebuilt from the log. */
export interface ProducerEntry {
  readonly producerEpoch: number;
  /** The last five batches of the current epoch, oldest first (Kafka's NUM_BATCHES_TO_RETAIN). */
  readonly batches: readonly LogBatch[];
}

export const BATCHES_TO_RETAIN = 5;

/**
 * The producer state a replica holds for a PID. Every replica rebuilds it from its own log, as
 * Kafka does on becoming leader or on recovery, so a new leader keeps deduplicating.
 */
export function producerEntry(replica: Replica, producerId: number): ProducerEntry | null {
  let producerEpoch = -1;
  let batches: LogBatch[] = [];
  for (const batch of replica.log) {
    if (batch.producerId !== producerId) continue;
    if (batch.producerEpoch !== producerEpoch) {
      producerEpoch = batch.producerEpoch;
      batches = [];
    }
    // A marker moves the PID to its epoch; sequences go on from the data batches before it.
    if (batch.control !== null) continue;
    batches.push(batch);
    if (batches.length > BATCHES_TO_RETAIN) batches.shift();
  }
  return producerEpoch === -1 ? null : { producerEpoch, batches };
}

export function lastSequence(batch: LogBatch): number {
  return batch.baseSequence + batch.records.length - 1;
}
