/** The transactional producer reads its coordinator's InitProducerId answer (coordinator-response.ts). */
import { coordinatorResponse } from '../coordinator-response.ts';

export const handleInitProducerIdResponse = coordinatorResponse(
  'HandleInitProducerIdResponse',
  'InitProducerId',
);
