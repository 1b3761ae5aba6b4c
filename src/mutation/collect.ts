/**
 * How the mutation oracle's test files declare their tests inside a mutation run (oracle.ts gives
 * them these as vitest's `describe` and `it`): the declarations are collected while a file loads,
 * for the runner (runner.ts) to run each test when a mutant asks for it.
 */
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
