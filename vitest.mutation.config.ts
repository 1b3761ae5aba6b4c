// The tests a mutation run (npm run mutation, stryker.config.mjs) asks of each mutant: the model's
// and the properties' own tests, the encoding's round trips and the golden walks and
// counterexamples (some fifteen seconds in all; the pinned state graphs, whole breadth-first
// searches, would cost a minute per surviving mutant). They run in this process, so Stryker sees
// which mutants each covers; the CLI tests run the binary in a child process, where no mutant is
// active, and the verdict tests are too long to repeat per mutant (npm test runs them all).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['model/**/*.test.ts', 'properties/**/*.test.ts', 'src/pipelines/golden.test.ts'],
    setupFiles: ['vitest.mutation.setup.ts'],
    testTimeout: 180_000,
  },
});
