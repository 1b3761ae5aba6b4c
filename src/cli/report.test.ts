// Markdown reports through the real binary: check writes one beside each trace by default, the
// report command renders an existing trace, and bad formats or files exit 2 naming what is allowed.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scratch } from './testing.ts';

/** The lines of the report's Mermaid block. */
function diagram(markdown: string): string[] {
  const block = /```mermaid\n([\s\S]*?)```/.exec(markdown);
  expect(block).not.toBeNull();
  return block![1]!
    .trim()
    .split('\n')
    .map((l) => l.trim());
}

describe('reports', () => {
  it('check writes a Markdown report beside each trace: guarantee, a sequence diagram with every step, the evidence, the replay commands', () => {
    const out = scratch();
    const run = cli(['check', '--preset', 'acks1-leader-failover', '--runs', '100', '--json', '--out', out]);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    for (const c of result.counterexamples) {
      const markdown = readFileSync(c.traceFile.replace(/\.trace\.json$/, '.md'), 'utf8');
      expect(markdown).toContain(`# ${c.property} broken in ${c.length} steps (acks1-leader-failover)`);
      expect(markdown).toContain(c.guarantee);
      expect(markdown).toContain(`**Broken**: ${c.sentence}`);
      const lines = diagram(markdown);
      expect(lines[0]).toBe('sequenceDiagram');
      // One lane per actor, and each step once, numbered, as a message or a note.
      const actors = [...new Set(c.steps.map((s: { actor: string }) => s.actor))];
      for (const actor of actors)
        expect(lines).toContainEqual(expect.stringMatching(new RegExp(` as ${actor}$`)));
      for (const step of c.steps) {
        expect(
          lines.filter((l) => l.includes(`: ${step.number}. `) || l.includes(`: FAULT ${step.number}. `)),
        ).toHaveLength(1);
      }
      expect(markdown).toContain(c.replay[0]);
    }
    const noLoss = readFileSync(join(out, 'acks1-leader-failover.no-loss.seed=1.md'), 'utf8');
    expect(diagram(noLoss)).toContainEqual(expect.stringMatching(/^Note over L\d: FAULT 5\. crashes/));
    expect(diagram(noLoss)).toContain('rect rgb(235, 245, 235)');
  });

  it('--report md writes the reports without the traces; the report command renders an existing trace', () => {
    const out = scratch();
    expect(
      cli(['check', '--preset', 'acks0-lossy', '--runs', '50', '--report', 'md', '--out', out]).code,
    ).toBe(1);
    expect(readdirSync(out).every((f) => f.endsWith('.md'))).toBe(true);
    const traces = scratch();
    cli(['check', '--preset', 'acks0-lossy', '--runs', '50', '--report', 'json', '--out', traces]);
    const [trace] = readdirSync(traces);
    expect(trace).toMatch(/\.trace\.json$/);
    const rendered = scratch();
    const run = cli(['report', join(traces, trace!), '--out', rendered]);
    expect(run.code).toBe(0);
    expect(readdirSync(rendered)).toEqual([trace!.replace('.trace.json', '.md')]);
    expect(readdirSync(out)).toContain(trace!.replace('.trace.json', '.md'));
  });

  it('bad formats and files exit 2 with one line naming what is allowed', () => {
    const html = cli(['check', '--preset', 'durable', '--report', 'html']);
    expect([html.code, html.stderr.trim().split('\n').at(-1)]).toEqual([
      2,
      'error: --report takes a comma-separated list of json, md; got "html": "html" is not one of them',
    ]);
    const itf = cli(['report', 'x.trace.json', '--format', 'itf']);
    expect(itf.code).toBe(2);
    expect(itf.stderr).toContain('--format takes a comma-separated list of json, md');
    // A trace the model no longer follows cannot be told: exit 2 from report, and replay --json says so.
    const fixture = join(
      import.meta.dirname,
      '../trace/fixtures/v1-idempotent-zombie-expiry.no-duplicate.seed1.trace.json',
    );
    const trace = JSON.parse(readFileSync(fixture, 'utf8'));
    const diverging = join(scratch(), 'diverging.trace.json');
    writeFileSync(diverging, JSON.stringify({ ...trace, actions: [trace.actions[5], ...trace.actions] }));
    const told = cli(['report', diverging]);
    expect([told.code, told.stderr]).toEqual([2, expect.stringContaining('the model diverged from')]);
    const replayed = cli(['replay', diverging, '--json']);
    expect(replayed.code).toBe(2);
    expect(JSON.parse(replayed.stdout)).toMatchObject({ outcome: 'diverged', divergedAt: 1 });
    expect(JSON.parse(replayed.stdout).counterexample).toBeUndefined();
    const missing = cli(['report', 'no-such.trace.json']);
    expect([missing.code, missing.stderr.trim()]).toEqual([
      2,
      'error: cannot read no-such.trace.json: no such file',
    ]);
  });
});
