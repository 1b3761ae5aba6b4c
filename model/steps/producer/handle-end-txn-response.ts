/** The transactional producer reads its coordinator's EndTxn answer (coordinator-response.ts). */
import { coordinatorResponse } from '../coordinator-response.ts';

export const handleEndTxnResponse = coordinatorResponse('HandleEndTxnResponse', 'EndTxn');
