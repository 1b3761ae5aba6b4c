// The tests a mutation run (npm run mutation, stryker.config.mjs) asks of each mutant: the model's
// and the properties' own tests, the encoding's round trips (for the encoding) and the golden walks
// and counterexamples (some fifteen seconds in all; the pinned state graphs, whole breadth-first
// searches, would cost a minute per surviving mutant). They run in this process, so Stryker sees
// which mutants each covers; the CLI tests run the binary in a child process, where no mutant is
// active, and the verdict tests are too long to repeat per mutant (npm test runs them all).
import { defineConfig } from 'vitest/config';

// The encoding's round trips judge the encoding's own mutants (a run whose files include
// model/encoding); for the rest of the model they would be seconds of random walks per survivor.
const encoding = process.env.MUTATION_MUTATE?.includes('model/encoding') ?? true;

export default defineConfig({
  test: {
    include: ['model/**/*.test.ts', 'properties/**/*.test.ts', 'src/pipelines/golden.test.ts'],
    exclude: ['**/node_modules/**', ...(encoding ? [] : ['model/encoding/encoding.test.ts'])],
    setupFiles: ['vitest.mutation.setup.ts'],
    testTimeout: 180_000,
    // One worker loads the model once for all the files a mutant's run asks for, instead of once
    // per file: Stryker starts a fresh worker for every mutant, so nothing a mutant did outlives its
    // run. On model/steps/producer/send-produce.ts (151 mutants, the same 142 killed) the run took
    // 2 min 33 s against 5 min 7 s with a worker per file.
    isolate: false,
  },
});
