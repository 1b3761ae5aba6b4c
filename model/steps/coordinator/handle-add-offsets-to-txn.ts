/** The transaction coordinator handles AddOffsetsToTxn (coordinator-requests.ts). */
import { coordinatorHandler } from '../coordinator-handler.ts';

export const handleAddOffsetsToTxn = coordinatorHandler('HandleAddOffsetsToTxn', 'AddOffsetsToTxn', (r) =>
  r.kind === 'AddOffsetsToTxn' ? `AddOffsetsToTxn(the group's offsets, epoch ${r.producerEpoch})` : r.kind,
);
