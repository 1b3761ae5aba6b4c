// A worker thread's entry point for the shared-memory expander: registers tsx in this thread,
// then loads the TypeScript tasks.
import { register } from 'tsx/esm/api';

register();
const { default: run } = await import('./shared-tasks.ts');
export default run;
