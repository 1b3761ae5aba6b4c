// The nightly command through the real binary: a small plan runs sharded, merges and matches its
// expectations; --summarize judges what a run left; --print-matrix gives CI one job per shard; bad
// flags exit 2.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nightlyPlan } from '../nightly/plan.ts';
import { cli, scratch } from './testing.ts';

function nightly(args: string[], env: Record<string, string> = {}) {
  // The child never sees a real GitHub step summary, only the one a test hands it.
  return cli(['nightly', ...args], { GITHUB_STEP_SUMMARY: undefined, ...env });
}

describe('nightly', () => {
  it('nightly: a Kafka and a canonical entry, 2 shards: every verdict OK, exit 0, summaries written', () => {
    // Expected: both violate as the oracle says; summary.md and the step summary hold the table.
    const out = scratch();
    const stepSummary = join(out, 'step-summary.md');
    const presets = 'acks0-lossy,canonical-replication-acks1';
    const run = nightly(['--presets', presets, '--shards', '2', '--out', out], {
      GITHUB_STEP_SUMMARY: stepSummary,
    });
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(0);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary).toMatch(
      /\| acks0-lossy \| 3 \| 2 \| violated \| violated \(no-loss\) \|.*\| no-loss \| 3 \| OK \|/,
    );
    expect(summary).toMatch(/\| canonical-replication-acks1 \| none \| 2 \| violated \|.*\| OK \|/);
    expect(summary).not.toContain('MISMATCH');
    expect(run.stdout).toContain(summary.trim());
    expect(readFileSync(stepSummary, 'utf8')).toBe(summary);
    expect(existsSync(join(out, 'acks0-lossy', 'acks0-lossy.shard2of2.explore.json'))).toBe(true);

    // Expected: summarizing the same results, as CI's last job does, gives the same verdicts.
    const again = nightly(['--summarize', out, '--presets', presets]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/\| acks0-lossy \| 3 \| 2 \| violated \|.*\| OK \|/);
  });

  it('nightly --summarize: an entry without results is a mismatch, exit 1', () => {
    // Expected: a missing explore job must fail the comparison, not pass it silently.
    const run = nightly(['--summarize', scratch(), '--presets', 'durable']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('**MISMATCH**');
    expect(run.stdout).toContain('no result files');
  });

  it('nightly --print-matrix: one job per shard of every plan entry', () => {
    // Expected: every entry × 2 shards, as one line of JSON.
    const run = nightly(['--print-matrix', '--shards', '2', '--depth-scale', 'ci']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const { include } = JSON.parse(run.stdout);
    expect(include).toHaveLength(2 * nightlyPlan.length);
    expect(include).toContainEqual(
      expect.objectContaining({ name: 'durable', shard: '2/2', args: expect.stringContaining('--depth 13') }),
    );
  });

  it('nightly: bad flags exit 2', () => {
    // Expected: each is refused before any search runs.
    for (const bad of [
      ['--shards', '0'],
      ['--depth-scale', 'huge'],
      ['--presets', 'no-such-preset'],
      ['--summarize', scratch(), '--print-matrix'],
    ]) {
      const run = nightly(bad);
      expect([bad, run.code]).toEqual([bad, 2]);
      expect(run.stderr).toContain('error:');
    }
  });
});
