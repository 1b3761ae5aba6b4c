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

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** One test as a file declares it: its name within its describe blocks, and its body. */
export interface Collected {
  readonly name: string;
  readonly body: () => unknown;
}

/** The tests of the file being loaded, or null outside a load. */
let collecting: Collected[] | null = null;
const suites: string[] = [];

/** The tests a file declares, collected while `load` imports it. */
export async function collect(load: () => Promise<unknown>): Promise<Collected[]> {
  const tests: Collected[] = [];
  collecting = tests;
  try {
    await load();
  } finally {
    collecting = null;
    suites.length = 0;
  }
  return tests;
}

export function describe(name: string, body: () => void): void {
  suites.push(name);
  try {
    body();
  } finally {
    suites.pop();
  }
}

export function it(name: string, body: () => unknown): void {
  if (collecting === null) throw new Error(`it('${name}') outside the loading of a test file`);
  collecting.push({ name: [...suites, name].join(' '), body });
}

export const test = it;

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
