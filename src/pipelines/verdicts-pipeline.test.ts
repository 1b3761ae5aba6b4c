// The semantics matrix's consume-process-produce rows (SEMANTICS.md, "Consume, process,
// produce"), checked as `check --preset` runs them (at VERDICT_RUNS schedules, the default budget nightly) and held to the
// exhaustive search as `explore --preset` runs it. The search decides; these are its oracles.

import { describe, expect, it } from 'vitest';
import { checkNamedPreset, exploreNamedPreset } from './verdicts.ts';

describe('verdicts: consume, process, produce (check)', { timeout: 600_000 }, () => {
  it('verdicts: commit-before-process: end-to-end no-loss violated, no-duplicate holds', () => {
    // Expected: the instance commits, crashes before processing, and its successor resumes past the batch.
    const result = checkNamedPreset('commit-before-process');
    expect(result.properties['no-loss']).toBe('violated');
    expect(result.properties['no-duplicate']).toBe('passed');
  });

  it('verdicts: commit-after-process: no-duplicate violated, no-loss holds', () => {
    // Expected: the instance processes, crashes before committing, and its successor processes again.
    const result = checkNamedPreset('commit-after-process');
    expect(result.properties['no-duplicate']).toBe('violated');
    expect(result.properties['no-loss']).toBe('passed');
  });

  it('verdicts: auto-commit: no-duplicate violated, no-loss holds', () => {
    // Expected: a crash between processing and the next poll's auto-commit processes the batch again.
    const result = checkNamedPreset('auto-commit');
    expect(result.properties['no-duplicate']).toBe('violated');
    expect(result.properties['no-loss']).toBe('passed');
  });

  it('verdicts: zombie-consumer: no-duplicate violated; a zombie wakes and a commit fails', () => {
    // Expected: the paused instance's partition moves; it wakes, writes what the new owner writes too.
    const result = checkNamedPreset('zombie-consumer');
    expect(result.properties['no-duplicate']).toBe('violated');
    expect(result.witnessed['zombie-woke']).toBeGreaterThan(0);
    expect(result.witnessed['commit-failed']).toBeGreaterThan(0);
  });

  it('verdicts: external-db-atomic-offsets: no-loss, no-duplicate and progress hold; partitions move', () => {
    // Expected: the store holds each output with its offset, so every restart resumes exactly after it.
    const result = checkNamedPreset('external-db-atomic-offsets');
    expect(result.verdict).toBe('passed');
    expect(result.witnessed['partition-moved']).toBeGreaterThan(0);
    expect(result.witnessed['offset-reset']).toBeGreaterThan(0);
  });
});

describe('verdicts: consume, process, produce (explore)', { timeout: 600_000 }, () => {
  it('verdicts: the pipeline presets under the exhaustive search', async () => {
    // Expected: the same verdicts over the whole bounded space, the clean one complete.
    const verdictOf = async (name: string, property: 'no-loss' | 'no-duplicate') =>
      (await exploreNamedPreset(name, { properties: [property] })).verdict;
    expect(await verdictOf('commit-before-process', 'no-loss')).toBe('violated');
    expect(await verdictOf('commit-before-process', 'no-duplicate')).toBe('passed');
    expect(await verdictOf('commit-after-process', 'no-duplicate')).toBe('violated');
    expect(await verdictOf('commit-after-process', 'no-loss')).toBe('passed');
    expect(await verdictOf('auto-commit', 'no-duplicate')).toBe('violated');
    expect(await verdictOf('zombie-consumer', 'no-duplicate')).toBe('violated');
    expect(await verdictOf('external-side-effect', 'no-duplicate')).toBe('violated');
    expect(await verdictOf('read-past-truncation-before-kip320', 'no-duplicate')).toBe('violated');
    const validating = await exploreNamedPreset(
      'read-past-truncation-before-kip320',
      { properties: ['no-duplicate'] },
      { scenario: { variants: { consumerPositionValidation: 'leader-epoch' } } },
    );
    expect(validating.verdict).toBe('passed');
    const clean = await exploreNamedPreset('external-db-atomic-offsets');
    expect(clean.verdict).toBe('passed');
    expect(clean.states).toBeGreaterThan(50_000);
  });

  it('verdicts: commit-after-process loses records with Kafka’s default auto.offset.reset=latest', async () => {
    // Expected: an instance that joins after the input is written, with no committed offset, starts
    // at the end and never processes it.
    const latest = await exploreNamedPreset(
      'commit-after-process',
      { properties: ['no-loss'] },
      { kafka: { 'auto.offset.reset': 'latest' } },
    );
    expect(latest.verdict).toBe('violated');
  });
});
