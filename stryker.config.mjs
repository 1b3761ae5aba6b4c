// Mutation testing of the model and its properties (npm run mutation, src/cli/mutation.ts): each
// mutant is judged by the oracle's tests that cover it, which the in-process runner
// (src/mutation/runner.ts, options `inProcess`) runs. src/cli/mutation.ts runs one shard of the
// files at a time (MUTATION_SHARD names it and MUTATION_MUTATE lists its files) and judges the
// score over all of them; `NODE_OPTIONS='--import tsx' npx stryker run` alone mutates every file
// at once (the runner and the test files load as TypeScript).
const shard = process.env.MUTATION_SHARD;
const report = shard === undefined ? 'mutation' : `shard-${shard}`;
// The encoding's round trips judge the encoding's own mutants (a run whose files include
// model/encoding); for the rest of the model they are seconds of random walks per survivor, and
// every mutant they killed there the golden walks kill too.
const encoding = process.env.MUTATION_MUTATE?.includes('model/encoding') ?? true;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'in-process',
  plugins: ['./src/mutation/runner.ts'],
  inProcess: {
    roots: ['model', 'properties'],
    files: ['src/pipelines/golden.test.ts'],
    exclude: encoding ? [] : ['model/encoding/encoding.test.ts', 'model/encoding/pipeline.test.ts'],
    setup: ['src/mutation/setup.ts'],
    forget: 'model/per-config.ts:forgetPerConfig',
  },
  mutate: process.env.MUTATION_MUTATE?.split(',') ?? [
    'model/**/*.ts',
    '!model/**/*.test.ts',
    '!model/testing.ts',
    '!model/footprint-measure.ts',
    'properties/**/*.ts',
    '!properties/**/*.test.ts',
  ],
  coverageAnalysis: 'perTest',
  // A mutant of module-level code (a step module's declared type, fields and footprint) needs
  // every test run again in a fresh process: a third of the mutants, and most of the time. They
  // are reported as ignored, not as killed.
  ignoreStatic: true,
  concurrency: 2,
  // A mutant that makes its tests run past 1.25 times their time plus 2 s loops: most of the
  // encoding's loop mutants do, and at Stryker's 1.5 times plus 5 s they cost a shard an hour.
  timeoutFactor: 1.25,
  timeoutMS: 2000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  htmlReporter: { fileName: `reports/mutation/${report}.html` },
  tempDirName: '.stryker-tmp',
  // A shard's score is not the run's: src/cli/mutation.ts breaks below 90 % over all shards.
  thresholds: { high: 90, low: 80, break: shard === undefined ? 90 : null },
};
