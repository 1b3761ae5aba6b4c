// The tests a mutation run (npm run mutation, stryker.config.mjs) asks of each mutant: the model's
// and the properties' own tests, the encoding's round trips (for the encoding) and the golden walks
// and counterexamples (some fifteen seconds in all; the pinned state graphs, whole breadth-first
// searches, would cost a minute per surviving mutant). They run in this process, so Stryker sees
// which mutants each covers; the CLI tests run the binary in a child process, where no mutant is
// active, and the verdict tests are too long to repeat per mutant (npm test runs them all).
import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The encoding's round trips judge the encoding's own mutants (a run whose files include
// model/encoding); for the rest of the model they would be seconds of random walks per survivor.
const encoding = process.env.MUTATION_MUTATE?.includes('model/encoding') ?? true;

/**
 * Stryker stops a mutant's run at its first failing test (bail 1), so the order of the covering
 * files decides what a killed mutant costs: the file that failed on the last mutant first (the next
 * mutant sits beside it in the code), then the quickest first. Vitest's own order runs the longest
 * first, so an encoding mutant that only a unit test of the encoding kills waited for seconds of
 * round trips before it.
 */
class QuickestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification): readonly [number, number] => {
      const key = `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`;
      const last = this.ctx.cache.getFileTestResults(key);
      return last === undefined ? [1, 0] : [last.failed ? 0 : 1, last.duration];
    };
    return files
      .map((spec) => ({ spec, rank: rank(spec) }))
      .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1])
      .map(({ spec }) => spec);
  }
}

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
    sequence: { sequencer: QuickestFirst },
  },
});
