/**
 * What the mutation oracle's test files get when they import 'vitest' inside a mutation run
 * (runner.ts sends the import here): `describe` and `it` collect the tests instead of running
 * them, and `expect` is vitest's own, built from @vitest/expect as vitest builds it, so every
 * matcher judges exactly as under `npm test`. The oracle's files use nothing else of vitest; a
 * file that does fails to load in the dry run, and Stryker stops there.
 */
import {
  chai,
  GLOBAL_EXPECT,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  setState,
} from '@vitest/expect';

export { describe, it, test } from './collect.ts';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** vitest's `expect`, less the parts that need a vitest worker (snapshots, polling, soft). */
export const expect: typeof chai.expect = Object.assign(
  (value: unknown, message?: string) => chai.expect(value, message),
  chai.expect,
);
setState(
  {
    assertionCalls: 0,
    isExpectingAssertions: false,
    isExpectingAssertionsError: null,
    expectedAssertionsNumber: null,
    expectedAssertionsNumberErrorGen: null,
    currentTestName: '',
  },
  expect as never,
);
(globalThis as Record<symbol, unknown>)[GLOBAL_EXPECT] = expect;
