/** The transaction coordinator handles EndTxn (coordinator-requests.ts). */
import { coordinatorHandler } from '../coordinator-handler.ts';

export const handleEndTxn = coordinatorHandler('HandleEndTxn', 'EndTxn', (r) =>
  r.kind === 'EndTxn' ? `EndTxn(${r.commit ? 'commit' : 'abort'}, epoch ${r.producerEpoch})` : r.kind,
);
