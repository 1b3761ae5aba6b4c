import { describe, expect, it } from 'vitest';
import type { Model } from '../contract.ts';
import { resolveIntent, STEP } from './schedule.ts';

/** Two followers' fetches and a send, all enabled; each fetch's kind is its follower's share of `Fetch`. */
type Toy = 'fetch-1' | 'fetch-2' | 'send';
const kinds: Record<Toy, string> = { 'fetch-1': 'Fetch/broker1', 'fetch-2': 'Fetch/broker2', send: 'Send' };
const toy = {
  initial: 0,
  enabled: () => ['fetch-1', 'fetch-2', 'send'],
  isFault: () => false,
  kindOf: (action: Toy) => kinds[action],
} as unknown as Model<number, Toy>;

/** Every action a protocol step may take with `off` switched off. */
function takeable(off: readonly string[]): Toy[] {
  return [0, 1, 2].map((pick) => resolveIntent(toy, 0, new Set(off), { kind: STEP, pick })!);
}

describe('swarm testing by kind', () => {
  it('resolveIntent: switching off one follower share leaves the other follower and the rest', () => {
    // Expected: with Fetch/broker2 off, picks cycle over fetch-1 and send only.
    expect(new Set(takeable(['Fetch/broker2']))).toEqual(new Set(['fetch-1', 'send']));
  });

  it('resolveIntent: switching off the whole kind switches off every share of it', () => {
    // Expected: with Fetch off, neither follower fetches; only the send is left.
    expect(new Set(takeable(['Fetch']))).toEqual(new Set(['send']));
    expect(new Set(takeable([]))).toEqual(new Set(['fetch-1', 'fetch-2', 'send']));
  });
});
