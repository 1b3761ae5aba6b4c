// Mutation testing of the model and its properties (npm run mutation): each mutant is judged by
// the tests vitest.mutation.config.ts names, run per mutant only where it is covered.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'model/**/*.ts',
    '!model/**/*.test.ts',
    '!model/testing.ts',
    'properties/**/*.ts',
    '!properties/**/*.test.ts',
  ],
  coverageAnalysis: 'perTest',
  // A mutant of module-level code (a step module's declared type, fields and footprint) needs
  // every test run again in a fresh process: a third of the mutants, and most of the time. They
  // are reported as ignored, not as killed.
  ignoreStatic: true,
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  tempDirName: '.stryker-tmp',
  thresholds: { high: 90, low: 80, break: 90 },
};
