/** Helpers for the engines' tests. */
import { expect } from 'vitest';
import type { Model } from './contract.ts';
import { replayActions } from './replay.ts';
import type { Steps } from './shrink/delta.ts';

/** Asserts that `steps` replay from the initial state and break the property they say they break. */
export function expectReplaysItsViolation<S, A>(model: Model<S, A>, steps: Steps<A>): void {
  const replayed = replayActions(model, {
    actions: steps.actions,
    healFrom: steps.healFrom,
    judgeEnd: steps.violation.kind === 'end',
  });
  expect(replayed.kind).toBe('replayed');
  if (replayed.kind === 'replayed') {
    expect(replayed.violations.map((v) => v.property)).toContain(steps.violation.property);
  }
}
