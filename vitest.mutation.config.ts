// The tests a mutation run (npm run mutation, stryker.config.mjs) asks of each mutant: the model's
// and the properties' own tests and the golden walks and counterexamples (a few seconds in all;
// the pinned state graphs, whole breadth-first searches, would cost a minute per surviving mutant).
// They run in this process, so Stryker sees which mutants each covers; the CLI tests run the
// binary in a child process, where no mutant is active, and the verdict tests are too long to
// repeat per mutant (npm test runs them all).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['model/**/*.test.ts', 'properties/**/*.test.ts', 'src/pipelines/golden.test.ts'],
    // Seconds of random walks: the golden walks check the same round trip on their states.
    exclude: ['**/node_modules/**', 'model/encoding/encoding.test.ts'],
    testTimeout: 180_000,
  },
});
