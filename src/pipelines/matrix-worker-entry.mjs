// A matrix worker thread's entry point: registers tsx in this thread, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
const { default: checkOne } = await import('./matrix-worker.ts');
export default checkOne;
