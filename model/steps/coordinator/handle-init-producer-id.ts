/** The transaction coordinator handles InitProducerId for a transactional.id (coordinator-requests.ts). */
import { coordinatorHandler } from '../coordinator-handler.ts';

export const handleInitProducerId = coordinatorHandler(
  'HandleInitProducerId',
  'InitProducerId',
  () => 'InitProducerId',
);
