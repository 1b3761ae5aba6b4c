import { describe, expect, it } from 'vitest';
import type { Model } from '../contract.ts';
import { defaultHeal } from '../heal.ts';
import { expectReplaysItsViolation } from '../testing.ts';
import { replaySteps } from './delta.ts';
import { shortcutSteps } from './shortcut.ts';

/**
 * A walker on a grid: `right`, `up` and `down` move it one square; the property breaks when it
 * reaches column 3. Going up and straight down again is a detour back to the same square.
 */
type Square = readonly [x: number, y: number];
type Move = 'right' | 'up' | 'down';

const walker: Model<Square, Move> = {
  initial: [0, 0],
  enabled: ([, y]) => (y > 0 ? ['right', 'up', 'down'] : ['right', 'up']),
  step: ([x, y], move) => (move === 'right' ? [x + 1, y] : move === 'up' ? [x, y + 1] : [x, y - 1]),
  heal: () => [],
  kinds: ['right', 'up', 'down'],
  kindOf: (move) => move,
  faultKinds: [],
  isFault: () => false,
  faultWeight: () => 1,
  swarmable: () => false,
  key: (move) => move,
  stateKey: ([x, y]) => `${x},${y}`,
  judges: [
    {
      name: 'stays-left',
      always: ([x]) => (x < 3 ? { holds: true } : { holds: false, message: 'column 3', evidence: x }),
    },
  ],
  witnesses: [],
};

const options = { heal: defaultHeal, replaysMax: 400, shortcutStates: 600 };

function counterexample(moves: readonly Move[]) {
  const found = replaySteps(walker, moves, 'stays-left', options);
  if (found === null) throw new Error('the moves do not break the property');
  return found;
}

describe('shortcuts in a counterexample path', () => {
  it('shortcutSteps: a detour that comes back to a square of the path is cut out, and the rest replays', () => {
    // Expected: up-then-down twice returns to the path's own squares, so both detours go and the
    // three moves right remain, which still reach column 3.
    const found = counterexample(['right', 'up', 'down', 'right', 'up', 'down', 'right']);
    expect(found.actions).toHaveLength(7);
    const cut = shortcutSteps(walker, found, options);
    expect(cut.actions).toEqual(['right', 'right', 'right']);
    expect(cut.violation.property).toBe('stays-left');
    expectReplaysItsViolation(walker, cut);
  });

  it('shortcutSteps: a path with no shorter way between its squares comes back as it was', () => {
    // Expected: up, right, right, right reaches each of its squares by the only shortest way
    // among its own moves, so nothing is cut (the shorter route without `up` is not a shortcut
    // between squares of this path).
    const found = counterexample(['up', 'right', 'right', 'right']);
    expect(shortcutSteps(walker, found, options)).toBe(found);
  });

  it('shortcutSteps: a search bounded to one state finds no shortcut', () => {
    // Expected: with room for the start alone, no search gets anywhere, so the detour stays.
    const found = counterexample(['right', 'up', 'down', 'right', 'right']);
    expect(shortcutSteps(walker, found, { ...options, shortcutStates: 1 })).toBe(found);
    expect(shortcutSteps(walker, found, options).actions).toEqual(['right', 'right', 'right']);
  });
});
