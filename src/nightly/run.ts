/**
 * The nightly search's steps, each through the real binary as CI runs it: one shard of an entry
 * (`explore --shard k/n --json --out DIR/<entry>`), the merge of an entry's shards, and the
 * comparison of the merged verdict with the plan's expectation. Nothing here prints; callers get
 * events and rows.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { binPath as bin } from '../package-root.ts';
import { type DepthScale, depthFor, expectationOf, exploreArgs, type NightlyEntry } from './plan.ts';

/** Explore exits 0 when it passes or is bounded and 1 on a violation; anything else is a failed run. */
const ranExitCodes = [0, 1];

const shardJson = z.object({
  verdict: z.enum(['passed', 'violated', 'bounded']),
  states: z.number(),
  seconds: z.number(),
  resultFile: z.string(),
});

const mergedJson = z.object({
  verdict: z.enum(['passed', 'violated', 'bounded']),
  shards: z.number(),
  states: z.number(),
  edges: z.number(),
  depthBound: z.number().nullable(),
  seconds: z.number(),
  shardSeconds: z.number(),
  violation: z.object({ property: z.string(), message: z.string() }).optional(),
  counterexample: z.object({ length: z.number(), traceFile: z.string().nullable() }).optional(),
});

export type ShardRun =
  | { readonly kind: 'ran'; readonly result: z.infer<typeof shardJson> }
  | { readonly kind: 'failed'; readonly message: string };

export type Merged =
  | { readonly kind: 'merged'; readonly result: z.infer<typeof mergedJson> }
  | { readonly kind: 'failed'; readonly message: string };

export interface SummaryRow {
  readonly entry: string;
  readonly depth: number | null;
  readonly expected: string;
  readonly outcome: Merged;
  readonly ok: boolean;
}

/** Runs the binary with these arguments; the output when it exits as allowed, else why not. */
function deliverycheck(
  args: readonly string[],
  allowed: readonly number[],
): { ok: true; stdout: string } | { ok: false; message: string } {
  const run = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error !== undefined) return { ok: false, message: run.error.message };
  if (run.status === null || !allowed.includes(run.status)) {
    const how = run.status === null ? `was killed by ${run.signal}` : `exited ${run.status}`;
    const why = run.stderr.trim().split('\n').slice(-3).join(' ');
    return { ok: false, message: `deliverycheck ${args[0]} ${how}${why === '' ? '' : `: ${why}`}` };
  }
  return { ok: true, stdout: run.stdout };
}

function parsed<T>(schema: z.ZodType<T>, stdout: string, what: string): T | string {
  try {
    const result = schema.safeParse(JSON.parse(stdout));
    return result.success ? result.data : `${what} printed unexpected JSON: ${result.error.message}`;
  } catch {
    return `${what} printed no JSON`;
  }
}

/** Where an entry's result, states and trace files go under the nightly directory. */
export function entryDir(outDir: string, entry: NightlyEntry): string {
  return join(outDir, entry.name);
}

/** Explores shard k of n (1-based k) of an entry into its directory under outDir. */
export function runShard(
  entry: NightlyEntry,
  scale: DepthScale,
  shard: { k: number; n: number },
  outDir: string,
): ShardRun {
  const args = [
    'explore',
    ...exploreArgs(entry, scale),
    '--shard',
    `${shard.k}/${shard.n}`,
    '--json',
    '--out',
    entryDir(outDir, entry),
  ];
  const run = deliverycheck(args, ranExitCodes);
  if (!run.ok) return { kind: 'failed', message: run.message };
  const result = parsed(shardJson, run.stdout, 'explore');
  return typeof result === 'string' ? { kind: 'failed', message: result } : { kind: 'ran', result };
}

/** Merges shard result files of one search into one verdict. */
export function mergeShards(resultFiles: readonly string[]): Merged {
  if (resultFiles.length === 0) return { kind: 'failed', message: 'no shard result files' };
  const run = deliverycheck(['merge', ...resultFiles, '--json'], ranExitCodes);
  if (!run.ok) return { kind: 'failed', message: run.message };
  const result = parsed(mergedJson, run.stdout, 'merge');
  return typeof result === 'string' ? { kind: 'failed', message: result } : { kind: 'merged', result };
}

/** The shard result files an earlier run left in an entry's directory (trace files excluded). */
export function resultFilesIn(outDir: string, entry: NightlyEntry): string[] {
  const dir = entryDir(outDir, entry);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.explore.json'))
    .sort()
    .map((f) => join(dir, f));
}

export type RunEvent =
  | {
      readonly kind: 'shard';
      readonly entry: string;
      readonly k: number;
      readonly n: number;
      readonly run: ShardRun;
    }
  | { readonly kind: 'merged'; readonly row: SummaryRow };

/** Runs every shard of an entry one after another, then merges and judges them. */
export function runEntry(
  entry: NightlyEntry,
  scale: DepthScale,
  shards: number,
  outDir: string,
  onEvent: (event: RunEvent) => void = () => {},
): SummaryRow {
  const files: string[] = [];
  const failures: string[] = [];
  for (let k = 1; k <= shards; k++) {
    const run = runShard(entry, scale, { k, n: shards }, outDir);
    onEvent({ kind: 'shard', entry: entry.name, k, n: shards, run });
    if (run.kind === 'ran') files.push(run.result.resultFile);
    else failures.push(`shard ${k}/${shards}: ${run.message}`);
  }
  const outcome: Merged =
    failures.length > 0 ? { kind: 'failed', message: failures.join('; ') } : mergeShards(files);
  const row = judge(entry, depthFor(entry, scale), outcome);
  onEvent({ kind: 'merged', row });
  return row;
}

/** Merges and judges what an earlier run (CI's explore jobs) left in outDir for an entry. */
export function summarizeEntry(entry: NightlyEntry, outDir: string): SummaryRow {
  const files = resultFilesIn(outDir, entry);
  const outcome: Merged =
    files.length === 0
      ? { kind: 'failed', message: `no result files in ${entryDir(outDir, entry)}` }
      : mergeShards(files);
  const depth = outcome.kind === 'merged' ? outcome.result.depthBound : entry.depth;
  return judge(entry, depth, outcome);
}

function describeExpectation(entry: NightlyEntry): string {
  const expected = expectationOf(entry);
  return expected.verdict === 'passed' ? 'passed' : `violated (${expected.firstViolated.join(' or ')})`;
}

/** Compares a merged verdict with the entry's expectation. */
export function judge(entry: NightlyEntry, depth: number | null, outcome: Merged): SummaryRow {
  const expected = expectationOf(entry);
  let ok = false;
  if (outcome.kind === 'merged') {
    const r = outcome.result;
    const first = r.violation?.property;
    ok =
      r.verdict === expected.verdict &&
      (expected.verdict === 'passed' || (first !== undefined && expected.firstViolated.includes(first)));
  }
  return { entry: entry.name, depth, expected: describeExpectation(entry), outcome, ok };
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The Markdown summary: one row per entry, then the failures' reasons and the traces found. */
export function renderSummary(rows: readonly SummaryRow[], heading: string): string {
  const header = [
    'preset',
    'depth',
    'shards',
    'verdict',
    'expected',
    'states',
    'edges',
    'seconds',
    'first violated',
    'counterexample length',
    'result',
  ];
  const lines = [
    `## ${heading}`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i >= 5 && i <= 7 ? ' ---: ' : ' --- ')).join('|')}|`,
  ];
  for (const row of rows) {
    const r = row.outcome.kind === 'merged' ? row.outcome.result : null;
    const cells = [
      row.entry,
      row.depth === null ? 'none' : String(row.depth),
      r === null ? '-' : String(r.shards),
      r === null ? 'error' : r.verdict,
      row.expected,
      r === null ? '-' : r.states.toLocaleString('en-US'),
      r === null ? '-' : r.edges.toLocaleString('en-US'),
      r === null ? '-' : r.seconds.toFixed(1),
      r?.violation?.property ?? '-',
      r?.counterexample === undefined ? '-' : String(r.counterexample.length),
      row.ok ? 'OK' : '**MISMATCH**',
    ];
    lines.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  const mismatches = rows.filter((r) => !r.ok).length;
  lines.push(
    '',
    mismatches === 0
      ? `All ${rows.length} verdicts are as expected.`
      : `${mismatches} of ${rows.length} verdicts differ from the expectation.`,
    'Seconds are the slowest shard’s; a violated search stops at its first counterexample.',
  );
  const errors = rows.flatMap((r) =>
    r.outcome.kind === 'failed' ? [`- ${r.entry}: ${r.outcome.message}`] : [],
  );
  if (errors.length > 0) lines.push('', '### Errors', '', ...errors);
  const traces = rows.flatMap((r) => {
    const trace = r.outcome.kind === 'merged' ? r.outcome.result.counterexample?.traceFile : null;
    return trace ? [`- ${r.entry}: \`${trace}\``] : [];
  });
  if (traces.length > 0) lines.push('', '### Counterexample traces', '', ...traces);
  return `${lines.join('\n')}\n`;
}
