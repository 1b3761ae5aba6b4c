/**
 * The coordinator's marker channel writes the COMMIT or ABORT marker of a prepared transaction to
 * one partition's leader: a control batch carrying the PID, the transaction's epoch and the
 * coordinator epoch. Markers of one transaction land partition by partition, each its own step.
 * The coordinator counts a marker done once the leader's high watermark passes it
 * (reactions.ts); a leader change before that makes it write the marker again.
 */
import { isUp, liveLeader, partitionAt, withPartition, withReplica } from '../../cluster.ts';
import { appendBatches } from '../../log.ts';
import type { LogBatch, PendingMarker } from '../../state.ts';
import { transactionAt, withTransaction } from '../../transactions/metadata.ts';
import { perProducerPartition, type StepModule } from '../step.ts';

export interface WriteTxnMarkersAction {
  readonly type: 'WriteTxnMarkers';
  /** Whose transactional.id. */
  readonly producer: number;
  readonly partition: number;
}

function pendingMarker(
  state: Parameters<StepModule<WriteTxnMarkersAction>['guard']>[1],
  a: WriteTxnMarkersAction,
): PendingMarker | undefined {
  return transactionAt(state, a.producer).pendingMarkers.find((m) => m.partition === a.partition);
}

export const writeTxnMarkers: StepModule<WriteTxnMarkersAction> = {
  type: 'WriteTxnMarkers',
  actor: 'coordinator',
  fields: { producer: 'producer', partition: 'partition' },
  footprint: {
    reads: ['partitions[partition].replicas[*].flushedOffset'],
    writes: ['partitions[partition].replicas[*].log', 'partitions[partition].replicas[*].logEndOffset'],
  },
  candidates: (config) =>
    config.transactionalId === null
      ? []
      : perProducerPartition(config, (producer, partition) => ({
          type: 'WriteTxnMarkers',
          producer,
          partition,
        })),
  guard(_config, state, a) {
    const marker = pendingMarker(state, a);
    if (marker === undefined || marker.offset >= 0) return false;
    return (
      isUp(state, transactionAt(state, a.producer).coordinator) &&
      liveLeader(state, partitionAt(state, a.partition)) !== null
    );
  },
  effect(config, state, a) {
    const t = transactionAt(state, a.producer);
    const p = partitionAt(state, a.partition);
    const leader = liveLeader(state, p)!;
    const marker: LogBatch = {
      baseOffset: leader.logEndOffset,
      leaderEpoch: p.leaderEpoch,
      producerId: t.producerId,
      producerEpoch: t.producerEpoch,
      baseSequence: -1,
      records: [],
      transactional: true,
      control: t.state === 'PrepareCommit' ? 'COMMIT' : 'ABORT',
    };
    const written = withPartition(
      state,
      a.partition,
      withReplica(p, leader.broker, (r) => appendBatches(config, r, [marker])),
    );
    return withTransaction(written, a.producer, {
      ...t,
      pendingMarkers: t.pendingMarkers.map((m) =>
        m.partition === a.partition ? { ...m, offset: marker.baseOffset, leaderEpoch: p.leaderEpoch } : m,
      ),
    });
  },
  tell(_config, before, a) {
    const t = transactionAt(before, a.producer);
    const p = partitionAt(before, a.partition);
    return {
      actor: `coordinator on broker ${t.coordinator}`,
      message: `WriteTxnMarkers: broker ${p.leader} appends the ${t.state === 'PrepareCommit' ? 'COMMIT' : 'ABORT'} marker of PID ${t.producerId} (epoch ${t.producerEpoch}, coordinator epoch ${t.coordinatorEpoch}) to partition ${a.partition}`,
    };
  },
};
