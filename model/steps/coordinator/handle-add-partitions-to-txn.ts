/** The transaction coordinator handles AddPartitionsToTxn (coordinator-requests.ts). */
import { partitionsOf } from '../../transactions/metadata.ts';
import { coordinatorHandler } from '../coordinator-handler.ts';

export const handleAddPartitionsToTxn = coordinatorHandler(
  'HandleAddPartitionsToTxn',
  'AddPartitionsToTxn',
  (r) =>
    r.kind === 'AddPartitionsToTxn'
      ? `AddPartitionsToTxn(partitions ${partitionsOf(r.partitions).join(', ')}, epoch ${r.producerEpoch})`
      : r.kind,
);
