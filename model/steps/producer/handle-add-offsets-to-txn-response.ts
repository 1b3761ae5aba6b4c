/** The instance's producer reads its coordinator's AddOffsetsToTxn answer (coordinator-response.ts). */
import { coordinatorResponse } from '../coordinator-response.ts';

export const handleAddOffsetsToTxnResponse = coordinatorResponse(
  'HandleAddOffsetsToTxnResponse',
  'AddOffsetsToTxn',
);
