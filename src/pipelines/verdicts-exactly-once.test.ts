// The semantics matrix's exactly-once row and the pre-KIP-447 and pre-KIP-320 protocols that break
// it (SEMANTICS.md, "Consume, process, produce"), checked as `check --preset` runs them (at
// VERDICT_RUNS schedules, the default budget nightly). The search decides; these are its oracles.

import { describe, expect, it } from 'vitest';
import { checkNamedPreset } from './verdicts.ts';

describe('verdicts: exactly once and its pre-KIP-447 protocols (check)', { timeout: 600_000 }, () => {
  it('verdicts: exactly-once: no-loss, no-duplicate and progress hold end to end; zombies are fenced', () => {
    // Expected: a zombie's TxnOffsetCommit is refused (stale generation) or its transaction fenced, so
    // only one transaction per input record commits, and every instance ends stable.
    const result = checkNamedPreset('exactly-once');
    expect(result.verdict).toBe('passed');
    expect(result.witnessed['zombie-woke']).toBeGreaterThan(0);
    expect(result.witnessed['txn-offset-commit-fenced']).toBeGreaterThan(0);
    expect(result.witnessed['transaction-committed']).toBeGreaterThan(0);
    expect(result.witnessed['coordinator-moved']).toBeGreaterThan(0);
    expect(result.witnessed['group-coordinator-moved']).toBeGreaterThan(0);
  });

  it('verdicts: unfenced-zombie: no-duplicate violated (sendOffsetsToTransaction given the group id only)', () => {
    // Expected: nothing checks the zombie's generation, so its transaction commits the same input's output.
    expect(checkNamedPreset('unfenced-zombie').properties['no-duplicate']).toBe('violated');
  });

  it('verdicts: zombie-before-kip447: no-duplicate violated; the same setup holds with KIP-447 fencing', () => {
    // Expected: TxnOffsetCommit fenced by the transactional.id only lets the zombie's transaction commit.
    expect(checkNamedPreset('zombie-before-kip447').properties['no-duplicate']).toBe('violated');
    const fenced = checkNamedPreset('zombie-before-kip447', {
      scenario: { variants: { txnOffsetFencing: 'group-generation' } },
    });
    expect(fenced.properties['no-duplicate']).toBe('passed');
  });

  it('verdicts: read-past-truncation-before-kip320: no-duplicate violated; the same setup holds with position validation', () => {
    // Expected: an unclean election truncates records the consumer read; its fetch from past the new
    // log end is out of range, auto.offset.reset=earliest rewinds it, and it processes a record again.
    // With KIP-320 it asks where its epoch ends and resumes at the truncation point instead. The
    // unclean election loses an acknowledged record under both consumers (no-loss). The default seed
    // first finds the duplicate in its 4,862nd schedule, so this check takes 6,000 at least.
    const old = checkNamedPreset('read-past-truncation-before-kip320', {}, { atLeast: 6_000 });
    expect(old.properties['no-duplicate']).toBe('violated');
    expect(old.properties['no-loss']).toBe('violated');
    expect(old.witnessed['consumer-truncation-detected']).toBeGreaterThan(0);
    const validating = checkNamedPreset('read-past-truncation-before-kip320', {
      scenario: { variants: { consumerPositionValidation: 'leader-epoch' } },
    });
    expect(validating.properties['no-duplicate']).toBe('passed');
    expect(validating.properties['no-loss']).toBe('violated');
    expect(validating.witnessed['consumer-truncation-detected']).toBeGreaterThan(0);
  });

  it('verdicts: pending-offsets-before-kip447: no-duplicate violated; the same setup holds with require_stable', () => {
    // Expected: the new owner fetches past nothing while the old owner's offsets are pending, and both commit.
    expect(checkNamedPreset('pending-offsets-before-kip447').properties['no-duplicate']).toBe('violated');
    const stable = checkNamedPreset('pending-offsets-before-kip447', {
      scenario: { variants: { requireStable: 'true' } },
    });
    expect(stable.properties['no-duplicate']).toBe('passed');
  });

  it('verdicts: external-side-effect: an e-mail is sent twice for one record; none is lost', () => {
    // Expected: a crash after the e-mail aborts the transaction; the retry sends the e-mail again.
    const result = checkNamedPreset('external-side-effect');
    expect(result.properties['no-duplicate']).toBe('violated');
    expect(result.properties['no-loss']).toBe('passed');
    expect(result.properties['read-committed']).toBe('passed');
  });
});
