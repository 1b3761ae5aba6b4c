/**
 * A check on a thread of its own (check-worker.ts): the same search with the same result, while
 * this thread hears Ctrl-C and shows progress. `stop()` ends the search before its next schedule;
 * the result then holds what was found so far, marked interrupted.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerFile } from '../engines/module-url.ts';
import type { CheckProgress, CheckRequest, CheckResult } from './check.ts';
import type { CheckThreadData, CheckThreadMessage } from './check-worker.ts';

export interface CheckThread {
  readonly result: Promise<CheckResult>;
  stop(): void;
}

export function checkOnThread(
  request: CheckRequest,
  progress: (p: CheckProgress) => void = () => {},
): CheckThread {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const data: CheckThreadData = { request, stop };
  const worker = new Worker(fileURLToPath(workerFile('check-worker', import.meta.url)), { workerData: data });
  const result = new Promise<CheckResult>((resolve, reject) => {
    let done: CheckResult | null = null;
    worker.on('message', (message: CheckThreadMessage) => {
      if (message.kind === 'progress') progress(message.progress);
      else done = message.result;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (done !== null) resolve(done);
      else reject(new Error(`the check thread exited with code ${code} and no result`));
    });
  });
  return { result, stop: () => Atomics.store(stop, 0, 1) };
}
