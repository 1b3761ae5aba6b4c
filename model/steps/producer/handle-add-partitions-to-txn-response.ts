/** The transactional producer reads its coordinator's AddPartitionsToTxn answer (coordinator-response.ts). */
import { coordinatorResponse } from '../coordinator-response.ts';

export const handleAddPartitionsToTxnResponse = coordinatorResponse(
  'HandleAddPartitionsToTxnResponse',
  'AddPartitionsToTxn',
);
