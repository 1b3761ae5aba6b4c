// The canonical replication model's rules on their own: the whole state graph held against the
// anchors' reference table (the counts SPIN and Rumur give), and single steps from hand-built
// states. The graphs for N = 3 have at most 8694 states, so each search takes milliseconds.
import { describe, expect, it } from 'vitest';
import { noDuplicate, noLoss } from './invariants.ts';
import { type CanonicalConfig, layoutFor } from './model.ts';
import {
  ANSWER_DELIVERED,
  ANSWER_LOST,
  type CanonicalState,
  CRASH_FOLLOWER,
  CRASH_LEADER_ELECT,
  canonicalRules,
  FETCH,
  ruleKind,
  ruleNames,
  SEND,
} from './rules.ts';

interface Graph {
  states: number;
  edges: number;
  depth: number;
  /** The BFS distance of the first state breaking an invariant, and which. */
  broken: [number, 'no-loss' | 'no-duplicate'] | null;
}

/** Breadth-first search of the whole graph: edges are every enabled rule of every state. */
function explore(config: CanonicalConfig): Graph {
  const rules = canonicalRules(config);
  const L = rules.layout;
  const seen = new Set<string>([rules.initial.join()]);
  let frontier: CanonicalState[] = [rules.initial];
  let edges = 0;
  let depth = 0;
  let broken: Graph['broken'] = null;
  while (frontier.length > 0) {
    const next: CanonicalState[] = [];
    for (const s of frontier) {
      if (broken === null && !noLoss(s, L).holds) broken = [depth, 'no-loss'];
      if (broken === null && !noDuplicate(s, L).holds) broken = [depth, 'no-duplicate'];
      const enabled = rules.enabled(s);
      edges += enabled.length;
      for (const rule of enabled) {
        const t = rules.step(s, rule);
        const key = t.join();
        if (!seen.has(key)) {
          seen.add(key);
          if (seen.size > 100_000)
            throw new Error('more than 100000 states: the graph is not the anchor model');
          next.push(t);
        }
      }
    }
    if (next.length > 0) depth++;
    frontier = next;
  }
  return { states: seen.size, edges, depth, broken };
}

/** A state of `config` from the initial one by rules named as in `ruleNames`, each enabled. */
function run(config: CanonicalConfig, names: readonly string[]): CanonicalState {
  const rules = canonicalRules(config);
  let s = rules.initial;
  for (const name of names) {
    const rule = ruleNames.indexOf(name);
    expect(
      rules.enabled(s).map((r) => ruleNames[r]),
      `before ${name}`,
    ).toContain(name);
    s = rules.step(s, rule);
  }
  return s;
}

const acks1: CanonicalConfig = { records: 3, acksAll: false, idempotent: false };
const acksAll: CanonicalConfig = { records: 3, acksAll: true, idempotent: false };
const idempotent: CanonicalConfig = { records: 3, acksAll: true, idempotent: true };

describe('canonical model: the state graph', () => {
  it('canonical graph: acks=1, N=3 has 8694 states, 17612 edges, depth 19, and loses a record in 3 steps', () => {
    // Expected: the anchors' reference row for acks=1, N=3, whose shortest counterexample breaks NoLoss.
    expect(explore(acks1)).toEqual({ states: 8694, edges: 17612, depth: 19, broken: [3, 'no-loss'] });
  });

  it('canonical graph: acks=all without idempotence, N=3 has 1611 states, 2245 edges, depth 19, and duplicates in 4 steps', () => {
    // Expected: the anchors' reference row for acks=all, idem=false, N=3, whose shortest counterexample breaks NoDuplicate.
    expect(explore(acksAll)).toEqual({ states: 1611, edges: 2245, depth: 19, broken: [4, 'no-duplicate'] });
  });

  it('canonical graph: acks=all with idempotence, N=3 has 677 states, 1183 edges, depth 16, and keeps both invariants', () => {
    // Expected: the anchors' reference row for acks=all, idem=true, N=3, with no counterexample.
    expect(explore(idempotent)).toEqual({ states: 677, edges: 1183, depth: 16, broken: null });
  });
});

describe('canonical model: single steps', () => {
  const L = layoutFor(3);
  const logOf = (s: CanonicalState, b: number) => [...s.subarray(b * L.maxLog, b * L.maxLog + s[L.leo + b]!)];

  it('fetch: a follower of the new leader b1 copies the record at its log end from b1', () => {
    // Expected: after b1 takes over with record 1, b2's fetch appends record 1 (read from b1's log, not b0's slot).
    const s = run(acks1, ['send', 'fetch(b1)', 'crash_leader_elect(b1)', 'fetch(b2)']);
    expect(s[L.leader]).toBe(1);
    expect([logOf(s, 1), logOf(s, 2)]).toEqual([[1], [1]]);
    expect([s[L.hw + 1], s[L.hw + 2]]).toEqual([1, 1]);
  });

  it('crash_leader_elect: a follower ahead of the new leader is truncated to its log end and keeps its lower high watermark', () => {
    // Expected: b1 ([1, 2], HW 0) truncates to b2's end 1, zeroing the cut slot; its HW stays 0 until it fetches.
    const s = run(acks1, [
      'send',
      'answer_delivered',
      'send',
      'fetch(b1)',
      'fetch(b1)',
      'fetch(b2)',
      'crash_leader_elect(b2)',
    ]);
    expect([s[L.leader], s[L.up], s[L.waiting], s[L.reqOff]]).toEqual([2, 0, 0, 0]);
    expect([logOf(s, 1), logOf(s, 2), s[1 * L.maxLog + 1]]).toEqual([[1], [1], 0]);
    expect([s[L.hw + 1], s[L.hw + 2]]).toEqual([0, 1]);
    expect(
      canonicalRules(acks1)
        .enabled(s)
        .map((r) => ruleNames[r]),
    ).toEqual(['send', 'fetch(b1)']);
  });

  it('answer_lost: counts the one lost answer and frees the producer to resend the same record', () => {
    // Expected: lost becomes 1, the producer no longer waits, and cur stays at record 1.
    const s = run(acks1, ['send', 'answer_lost']);
    expect([s[L.lost], s[L.waiting], s[L.cur], s[L.reqOff]]).toEqual([1, 0, 1, 0]);
    expect(
      canonicalRules(acks1)
        .enabled(s)
        .map((r) => ruleNames[r]),
    ).not.toContain('answer_lost');
  });
});

describe('canonical model: rules and layout', () => {
  it('canonical rules: twelve instances named in the anchor order, each of its kind', () => {
    // Expected: send, the two answers, then fetch, crash_follower and crash_leader_elect for b0..b2.
    expect(ruleNames).toEqual([
      'send',
      'answer_delivered',
      'answer_lost',
      'fetch(b0)',
      'fetch(b1)',
      'fetch(b2)',
      'crash_follower(b0)',
      'crash_follower(b1)',
      'crash_follower(b2)',
      'crash_leader_elect(b0)',
      'crash_leader_elect(b1)',
      'crash_leader_elect(b2)',
    ]);
    expect(ruleNames.map((_, rule) => ruleKind(rule))).toEqual([
      'send',
      'answer_delivered',
      'answer_lost',
      'fetch',
      'fetch',
      'fetch',
      'crash_follower',
      'crash_follower',
      'crash_follower',
      'crash_leader_elect',
      'crash_leader_elect',
      'crash_leader_elect',
    ]);
    expect([SEND, ANSWER_DELIVERED, ANSWER_LOST, FETCH, CRASH_FOLLOWER, CRASH_LEADER_ELECT]).toEqual([
      0, 1, 2, 3, 6, 9,
    ]);
  });

  it('canonical layout: logs of N + 2 slots per broker, then per broker LEO, HW, up, then the producer', () => {
    // Expected: for N = 3 a log has 5 slots (one crash, one lost answer), so the variables start at 15.
    expect(layoutFor(3)).toEqual({
      maxLog: 5,
      leo: 15,
      hw: 18,
      up: 21,
      leader: 24,
      cur: 25,
      waiting: 26,
      reqOff: 27,
      lost: 28,
      size: 29,
    });
  });

  it('canonical initial state: all brokers up, b0 leads, record 1 is next, everything else zero', () => {
    // Expected: only the up flags and cur are set in the initial state.
    const rules = canonicalRules(acks1);
    const expected = new Uint8Array(29);
    expected.set([1, 1, 1], 21);
    expected[25] = 1;
    expect([...rules.initial]).toEqual([...expected]);
    expect(rules.enabled(rules.initial).map((r) => ruleNames[r])).toEqual([
      'send',
      'crash_follower(b1)',
      'crash_follower(b2)',
      'crash_leader_elect(b1)',
      'crash_leader_elect(b2)',
    ]);
  });

  it('canonical step: never changes its argument, and stepInto writes into and returns the buffer it is given', () => {
    // Expected: step copies the state; stepInto's result is the very `into` array.
    const rules = canonicalRules(acks1);
    const before = run(acks1, ['send']);
    const copy = before.slice();
    for (const rule of rules.enabled(before)) {
      const after = rules.step(before, rule);
      expect(after).not.toBe(before);
      expect([...before]).toEqual([...copy]);
      const into = new Uint8Array(before.length);
      expect(rules.stepInto(before, rule, into)).toBe(into);
      expect([...into]).toEqual([...after]);
    }
  });
});
