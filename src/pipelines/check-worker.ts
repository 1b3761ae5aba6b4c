/**
 * The thread a CLI check runs on (check-thread.ts), so that the main thread stays free to hear
 * Ctrl-C and draw progress while the search runs synchronously here. It reads the stop flag before
 * each schedule and posts its progress and, at the end, its result (plain data).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type CheckProgress, type CheckRequest, type CheckResult, runCheck } from './check.ts';

export interface CheckThreadData {
  readonly request: CheckRequest;
  /** One Int32 the main thread sets to 1 to stop the search. */
  readonly stop: Int32Array;
}

export type CheckThreadMessage =
  | { readonly kind: 'progress'; readonly progress: CheckProgress }
  | { readonly kind: 'result'; readonly result: CheckResult };

const { request, stop } = workerData as CheckThreadData;
const post = (message: CheckThreadMessage) => parentPort!.postMessage(message);
const result = runCheck(request, {
  stop: () => Atomics.load(stop, 0) === 1,
  progress: (progress) => post({ kind: 'progress', progress }),
});
post({ kind: 'result', result });
