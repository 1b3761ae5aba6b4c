import { describe, expect, it } from 'vitest';
import * as declare from './collect.ts';

describe('mutation runner: collecting a test file', () => {
  it('collect: the tests a file declares, named within their describe blocks, in order, none run', async () => {
    // Expected: the names vitest reports (suites and test joined by spaces); no body runs while collecting.
    let ran = 0;
    const tests = await declare.collect(async () => {
      declare.describe('outer', () => {
        declare.it('first', () => ran++);
        declare.describe('inner', () => declare.test('second', () => ran++));
      });
      declare.it('top', () => ran++);
    });
    expect(tests.map((t) => t.name)).toEqual(['outer first', 'outer inner second', 'top']);
    expect(ran).toBe(0);
    for (const t of tests) t.body();
    expect(ran).toBe(3);
  });

  it('collect: a file that fails to load leaves nothing behind for the next one', async () => {
    // Expected: the error comes through, and the next file's names carry no suite of the failed one.
    await expect(
      declare.collect(async () =>
        declare.describe('broken', () => {
          throw new Error('load failed');
        }),
      ),
    ).rejects.toThrow('load failed');
    const tests = await declare.collect(async () => declare.it('alone', () => {}));
    expect(tests.map((t) => t.name)).toEqual(['alone']);
  });

  it('it: a test declared outside the loading of a file is an error naming it', () => {
    // Expected: no test can slip in where no file is being collected.
    expect(() => declare.it('stray', () => {})).toThrow("it('stray') outside the loading of a test file");
  });
});
