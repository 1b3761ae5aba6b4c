// The tests a mutation run (npm run mutation, stryker.config.mjs) asks of each mutant: the model's
// and the properties' own tests, the pinned state graphs and the golden walks and counterexamples.
// They run in this process, so Stryker sees which mutants each covers; the CLI tests run the
// binary in a child process, where no mutant is active, and the verdict tests are too long to
// repeat per mutant (npm test runs them all).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'model/**/*.test.ts',
      'properties/**/*.test.ts',
      'src/pipelines/golden.test.ts',
      'src/pipelines/kafka-pins.test.ts',
      'src/adapters/*.test.ts',
    ],
    testTimeout: 180_000,
  },
});
