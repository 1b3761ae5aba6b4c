import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['model/**/*.test.ts', 'properties/**/*.test.ts', 'src/**/*.test.ts'],
    // The CLI tests run the built binary: build it first.
    globalSetup: ['src/cli/build-before-tests.ts'],
    // Searches are CPU-bound: use every core (vitest would leave one idle).
    maxWorkers: Math.max(1, availableParallelism()),
    // Test files share a worker and its loaded modules: no test changes module state, mocks or the
    // environment, and loading the model afresh for each of some ninety files cost a fifth of the run.
    isolate: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
