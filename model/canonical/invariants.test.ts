// NoLoss and NoDuplicate on states the canonical model reaches by hand-picked rules: each verdict,
// message and evidence exactly, on a leader other than b0 where the log's place in the state matters.
import { describe, expect, it } from 'vitest';
import { noDuplicate, noLoss } from './invariants.ts';
import type { CanonicalConfig } from './model.ts';
import { type CanonicalState, canonicalRules, ruleNames } from './rules.ts';

/** The state `config` reaches from its initial one by rules named as in `ruleNames`, each enabled. */
function run(config: CanonicalConfig, names: readonly string[]): CanonicalState {
  const rules = canonicalRules(config);
  let s = rules.initial;
  for (const name of names) {
    expect(
      rules.enabled(s).map((r) => ruleNames[r]),
      `before ${name}`,
    ).toContain(name);
    s = rules.step(s, ruleNames.indexOf(name));
  }
  return s;
}

const acks1: CanonicalConfig = { records: 3, acksAll: false, idempotent: false };
const acksAll: CanonicalConfig = { records: 3, acksAll: true, idempotent: false };
const L = canonicalRules(acks1).layout;

describe('canonical invariants: NoLoss', () => {
  it('NoLoss holds while every acknowledged record is in the leader log, whatever is still unanswered', () => {
    // Expected: record 1 acknowledged and in b0's log; record 2 sent but unanswered is not judged.
    const acked = run(acks1, ['send', 'answer_delivered']);
    expect(noLoss(acked, L)).toEqual({ holds: true });
    expect(noLoss(run(acks1, []), L)).toEqual({ holds: true });
    // Record 2 is not in b1's log, but it was never acknowledged.
    const unacked = run(acks1, ['send', 'fetch(b1)', 'answer_delivered', 'crash_leader_elect(b1)']);
    expect(noLoss(unacked, L)).toEqual({ holds: true });
  });

  it('NoLoss breaks when a new leader lacks an acknowledged record, naming the record, the leader and its log', () => {
    // Expected: acks=1 acknowledges record 2 on b0 alone; b1 (holding only record 1) takes over without it.
    const s = run(acks1, [
      'send',
      'answer_delivered',
      'send',
      'fetch(b1)',
      'answer_delivered',
      'crash_leader_elect(b1)',
    ]);
    expect(noLoss(s, L)).toEqual({
      holds: false,
      message: 'record 2 was acknowledged, but the log of leader b1 (1 records) does not have it',
      evidence: { record: 2, leader: 1, log: [1] },
    });
  });

  it('NoLoss names the first acknowledged record missing: record 1 on an empty new leader', () => {
    // Expected: b2 never fetched, so both acknowledged records are missing and record 1 is named.
    const s = run(acks1, ['send', 'answer_delivered', 'send', 'answer_delivered', 'crash_leader_elect(b2)']);
    expect(noLoss(s, L)).toEqual({
      holds: false,
      message: 'record 1 was acknowledged, but the log of leader b2 (0 records) does not have it',
      evidence: { record: 1, leader: 2, log: [] },
    });
  });
});

describe('canonical invariants: NoDuplicate', () => {
  it('NoDuplicate holds on logs of distinct records, and on an empty one', () => {
    // Expected: b0's log [1, 2, 3] has each record once.
    const s = run(acks1, ['send', 'answer_delivered', 'send', 'answer_delivered', 'send']);
    expect([...s.subarray(0, 3)]).toEqual([1, 2, 3]);
    expect(noDuplicate(s, L)).toEqual({ holds: true });
    expect(noDuplicate(run(acks1, []), L)).toEqual({ holds: true });
  });

  it('NoDuplicate breaks when a resent record lands twice in a new leader log, naming both offsets', () => {
    // Expected: b1 took record 1 by fetch, became leader with the request unanswered, and the resend appends it again.
    const s = run(acksAll, ['send', 'fetch(b1)', 'crash_leader_elect(b1)', 'send']);
    expect(noDuplicate(s, L)).toEqual({
      holds: false,
      message: 'record 1 is in the log of leader b1 twice, at offsets 0 and 1',
      evidence: { record: 1, offsets: [0, 1], log: [1, 1] },
    });
  });

  it('NoDuplicate names a duplicate after the first offset: record 2 at offsets 1 and 2', () => {
    // Expected: the lost answer for record 2 makes the producer resend it behind its first copy.
    const s = run(acksAll, [
      'send',
      'fetch(b1)',
      'fetch(b2)',
      'answer_delivered',
      'send',
      'fetch(b1)',
      'fetch(b2)',
      'answer_lost',
      'send',
    ]);
    expect(noDuplicate(s, L)).toEqual({
      holds: false,
      message: 'record 2 is in the log of leader b0 twice, at offsets 1 and 2',
      evidence: { record: 2, offsets: [1, 2], log: [1, 2, 2] },
    });
  });
});
