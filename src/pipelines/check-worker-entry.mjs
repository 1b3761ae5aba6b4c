// A check thread's entry point when running from sources: registers tsx in this thread, then loads
// the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./check-worker.ts');
