// A worker thread's entry point: registers tsx in this thread, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
const { default: expandChunk } = await import('./worker.ts');
export default expandChunk;
