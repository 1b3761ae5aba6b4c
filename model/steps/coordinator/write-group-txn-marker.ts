/**
 * The transaction coordinator's marker channel writes the transaction's marker to the group
 * coordinator's `__consumer_offsets` partition too, when the transaction holds the group's
 * offsets: COMMIT turns its pending offsets into the group's committed offsets, ABORT drops them.
 * Once this marker and every partition's are done, the transaction is Complete*.
 */
import { isUp } from '../../cluster.ts';
import { coordinatorUp } from '../../group/group.ts';
import { completePendingOffsets } from '../../group/txn-offsets.ts';
import { complete, markersDone, transactionAt, withTransaction } from '../../transactions/metadata.ts';
import { perProducer, type StepModule } from '../step.ts';

export interface WriteGroupTxnMarkerAction {
  readonly type: 'WriteGroupTxnMarker';
  /** Whose transactional.id. */
  readonly producer: number;
}

export const writeGroupTxnMarker: StepModule<WriteGroupTxnMarkerAction> = {
  type: 'WriteGroupTxnMarker',
  actor: 'coordinator',
  fields: { producer: 'producer' },
  footprint: {
    reads: ['brokers[*].up', 'transactions[producer].coordinator', 'transactions[producer].producerId'],
    writes: [
      'pipeline.group',
      'transactions[producer].groupOffsets',
      'transactions[producer].partitions',
      'transactions[producer].pendingMarkers',
      'transactions[producer].state',
    ],
  },
  candidates: (config) =>
    config.pipeline?.commit !== 'transactional'
      ? []
      : perProducer(config, (producer) => ({ type: 'WriteGroupTxnMarker', producer })),
  guard(_config, state, a) {
    const t = state.transactions[a.producer];
    return t?.groupOffsets === 'marker' && isUp(state, t.coordinator) && coordinatorUp(state);
  },
  effect(_config, state, a) {
    const t = transactionAt(state, a.producer);
    const commit = t.state === 'PrepareCommit';
    const next = completePendingOffsets(state, t.producerId, commit);
    const written = { ...t, groupOffsets: 'none' as const };
    return withTransaction(next, a.producer, markersDone(written) ? complete(written) : written);
  },
  tell(_config, before, a) {
    const t = transactionAt(before, a.producer);
    const commit = t.state === 'PrepareCommit';
    return {
      actor: `coordinator on broker ${t.coordinator}`,
      message: `WriteTxnMarkers: the group coordinator takes the ${commit ? 'COMMIT' : 'ABORT'} marker of PID ${t.producerId} (epoch ${t.producerEpoch}); its pending offsets are ${commit ? 'committed' : 'dropped'}`,
    };
  },
};
