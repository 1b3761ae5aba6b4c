/**
 * `deliverycheck nightly` (what `npm run nightly` runs): the nightly exhaustive search of every
 * preset in the plan, sharded, merged and compared with the expected verdicts. Exit 0 when every
 * verdict is as expected, 1 when one differs (or a search failed), 2 on bad flags. CI runs the
 * shards as separate jobs (--print-matrix) and compares in a last one (--summarize DIR).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { quoted } from '../config/error.ts';
import {
  DEFAULT_DEPTH_SCALE,
  type DepthScale,
  depthScales,
  matrixOf,
  type NightlyEntry,
  nightlyPlan,
  selectEntries,
} from '../nightly/plan.ts';
import { type RunEvent, renderSummary, runEntry, type SummaryRow, summarizeEntry } from '../nightly/run.ts';
import { writeAtomically } from '../trace/atomic.ts';
import { err, out, UsageError } from './output.ts';
import { checkOutputDirectory } from './paths.ts';

const DEFAULT_OUT = 'reports/nightly';

/** GitHub Actions refuses a matrix of more jobs than this. */
const GITHUB_MATRIX_JOBS_MAX = 256;

interface NightlyOptions {
  readonly depthScale: DepthScale;
  readonly shards: number;
  readonly out?: string;
  readonly presets?: string;
  readonly summarize?: string;
  readonly printMatrix?: boolean;
}

function depthScale(value: string): DepthScale {
  const scale = depthScales.find((s) => s === value);
  if (scale === undefined) {
    throw new UsageError(`--depth-scale must be ${depthScales.join(' or ')}; got ${quoted(value)}`);
  }
  return scale;
}

function shardCount(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n < 1 || n > 64) {
    throw new UsageError(`--shards must be a whole number from 1 to 64; got ${quoted(value)}`);
  }
  return n;
}

function chosenEntries(list: string | undefined): readonly NightlyEntry[] {
  if (list === undefined) return nightlyPlan;
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const { entries, unknown } = selectEntries(names);
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--presets takes a comma-separated list of ${nightlyPlan.map((e) => e.name).join(', ')}; ` +
        `not in the nightly plan: ${unknown.join(', ') || '(empty list)'}`,
    );
  }
  return entries;
}

function describeEvent(event: RunEvent): string {
  if (event.kind === 'shard') {
    const r = event.run;
    const what =
      r.kind === 'ran'
        ? `${r.result.verdict}, ${r.result.states.toLocaleString('en-US')} states, ${r.result.seconds.toFixed(1)} s`
        : `failed: ${r.message}`;
    return `nightly: ${event.entry} shard ${event.k}/${event.n}: ${what}`;
  }
  return `nightly: ${event.row.entry}: ${event.row.ok ? 'OK' : 'MISMATCH'}`;
}

/** Prints the summary, writes it beside the results and into GitHub's step summary, sets the exit code. */
function report(rows: readonly SummaryRow[], markdown: string, dir: string): void {
  out(markdown);
  writeAtomically(join(dir, 'summary.md'), markdown);
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary !== undefined && stepSummary !== '') appendFileSync(stepSummary, markdown);
  process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
}

export function registerNightly(program: Command): void {
  program
    .command('nightly')
    .description(
      'explore every preset of the nightly plan, sharded, and compare the verdicts with the expected ones',
    )
    .option(
      '--depth-scale <scale>',
      'local searches the holding presets 2 steps shallower; ci to the full depth',
      depthScale,
      DEFAULT_DEPTH_SCALE,
    )
    .option('--shards <n>', 'shards per preset, run one after another', shardCount, 2)
    .option('--out <dir>', `where the results and summary.md go (default ${DEFAULT_OUT})`)
    .option('--presets <list>', 'only these entries of the plan (default: all)')
    .option('--summarize <dir>', 'only merge, compare and summarize the results already in this directory')
    .option('--print-matrix', "print CI's explore matrix as one line of JSON and run nothing")
    .action((options: NightlyOptions) => {
      const entries = chosenEntries(options.presets);
      if (options.summarize !== undefined && (options.out !== undefined || options.printMatrix === true)) {
        throw new UsageError(
          '--summarize reads and writes its own directory; it takes neither --out nor --print-matrix',
        );
      }
      const outDir = options.out ?? DEFAULT_OUT;
      if (options.printMatrix === true) {
        const matrix = matrixOf(entries, options.depthScale, options.shards, outDir);
        if (matrix.include.length > GITHUB_MATRIX_JOBS_MAX) {
          throw new UsageError(
            `${entries.length} presets × ${options.shards} shards make ${matrix.include.length} jobs; a GitHub matrix runs at most ${GITHUB_MATRIX_JOBS_MAX}`,
          );
        }
        out(JSON.stringify(matrix));
        return;
      }
      if (options.summarize !== undefined) {
        const dir = options.summarize;
        const rows = entries.map((entry) => summarizeEntry(entry, dir));
        report(rows, renderSummary(rows, `Nightly exhaustive search: results in ${dir}`), dir);
        return;
      }
      checkOutputDirectory('--out', outDir);
      const started = performance.now();
      const rows = entries.map((entry) =>
        runEntry(entry, options.depthScale, options.shards, outDir, (event) => err(describeEvent(event))),
      );
      err(`nightly: ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
      const how = `depth scale ${options.depthScale}, ${options.shards} shard${options.shards === 1 ? '' : 's'} each`;
      report(rows, renderSummary(rows, `Nightly exhaustive search: ${how}`), outDir);
    });
}
