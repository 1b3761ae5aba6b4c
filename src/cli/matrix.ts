/**
 * `deliverycheck matrix`: check every shipped preset and print one verdict table, then each
 * preset's shortest counterexample, step by step, and where its trace file is.
 */
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { propertyNames } from '../../properties/index.ts';
import { quoted } from '../config/error.ts';
import { type PresetGroup, presets } from '../config/presets.ts';
import { checkReplayCommands } from '../library/check.ts';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../pipelines/check.ts';
import { type MatrixRow, runMatrixOn } from '../pipelines/matrix.ts';
import { counterexampleView } from '../report/counterexample.ts';
import { tell } from '../report/story.ts';
import { type Paint, renderTable } from '../report/terminal.ts';
import { parseRuns, parseSeed } from './check.ts';
import { err, out, paintFor, UsageError } from './output.ts';
import { checkOutputDirectory } from './paths.ts';
import { integer } from './scenario-options.ts';

interface MatrixOptions {
  readonly group: string;
  readonly runs: number;
  readonly seed: number;
  readonly json?: boolean;
  readonly out: string;
  readonly workers: number;
}

const groups: readonly (PresetGroup | 'all')[] = [
  'all',
  'producer',
  'transactions',
  'pipeline',
  'protocol-bugs',
];

function cell(row: MatrixRow, property: string, paint: Paint): string {
  const verdict = row.result.properties[property];
  if (verdict === undefined) return '-';
  if (verdict === 'passed') return paint.green('passed');
  const c = row.result.counterexamples.find((x) => x.property === property)!;
  return paint.red(`violated (${c.length})`);
}

function renderRows(rows: readonly MatrixRow[], paint: Paint): string[] {
  const header = ['preset', ...propertyNames, 'runs'];
  const body = rows.map((row) => [
    row.preset.name,
    ...propertyNames.map((p) => cell(row, p, paint)),
    String(row.result.runs),
  ]);
  return renderTable(header, body);
}

function renderCounterexamples(rows: readonly MatrixRow[], paint: Paint): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    const [first, ...rest] = row.result.counterexamples;
    if (first === undefined) continue;
    lines.push('');
    lines.push(
      paint.bold(`${row.preset.name}: ${first.property} (${first.length} steps, ${row.result.protocol})`),
    );
    for (const step of tell(first.trace).steps) {
      lines.push(`${`${step.number}.`.padStart(4)} ${step.actor}: ${step.message}`);
    }
    lines.push(paint.red(`     ${first.message}`));
    for (const c of [first, ...rest]) {
      lines.push(
        paint.dim(
          `     ${c.property}: ${c.length} steps, replay with npx deliverycheck replay ${c.traceFile}`,
        ),
      );
    }
  }
  return lines;
}

export function registerMatrix(program: Command): void {
  program
    .command('matrix')
    .description('check every shipped preset and print the verdict table with each counterexample')
    .option('--group <group>', `which presets (${groups.join(', ')})`, 'all')
    .option('--runs <n>', 'schedules per preset', parseRuns, DEFAULT_RUNS)
    .option('--seed <n>', 'the seed every preset starts from', parseSeed, DEFAULT_SEED)
    .option('--json', 'print one JSON object on stdout and nothing else there')
    .option('--out <dir>', 'where trace files go', 'reports')
    .option(
      '--workers <n>',
      `presets checked at once, each on a thread of its own (this machine has ${availableParallelism()} cores)`,
      integer('--workers', 1, 64),
      Math.min(2, availableParallelism()),
    )
    .action(async (options: MatrixOptions) => {
      if (!groups.includes(options.group as PresetGroup | 'all')) {
        throw new UsageError(`--group must be one of ${groups.join(', ')}; got ${quoted(options.group)}`);
      }
      checkOutputDirectory('--out', options.out);
      const chosen = presets.filter((p) => options.group === 'all' || p.group === options.group);
      const json = options.json === true;
      const paint = paintFor(json);
      if (!json) out(paint.dim(`seed ${options.seed}, up to ${options.runs} runs per preset`));
      const bar = matrixProgressBar(json, chosen.length);
      let broken = 0;
      const onRow = (row: MatrixRow) => {
        broken += row.result.counterexamples.length;
        if (bar !== null) bar.increment(1, { broken });
        else if (!json) err(paint.dim(`checked ${row.preset.name}`));
      };
      let rows: MatrixRow[];
      try {
        rows = await runMatrixOn(
          { presets: chosen, runs: options.runs, seed: options.seed, outDir: options.out },
          options.workers,
          onRow,
        );
      } finally {
        bar?.stop();
      }
      if (json) {
        out(
          JSON.stringify(
            {
              seed: options.seed,
              runs: options.runs,
              presets: rows.map((r) => ({
                name: r.preset.name,
                protocol: r.result.protocol,
                properties: r.result.properties,
                runs: r.result.runs,
                counterexamples: r.result.counterexamples.map((c) => ({
                  ...counterexampleView(c.trace, {
                    shortest: c.shortest,
                    traceFile: c.traceFile,
                    replay: checkReplayCommands(['--preset', r.preset.name], c),
                  }),
                  message: c.message,
                  prefixStates: c.prefixStates,
                  shrinkStates: c.shrinkStates,
                })),
              })),
            },
            null,
            2,
          ),
        );
        return;
      }
      out(renderRows(rows, paint));
      out(renderCounterexamples(rows, paint));
    });
}

/** Presets checked of those chosen, violations found so far and the time taken, on a terminal only. */
function matrixProgressBar(json: boolean, presets: number) {
  if (json || process.stderr.isTTY !== true) return null;
  const bar = new cliProgress.SingleBar(
    {
      format: 'matrix | {bar} | {value}/{total} presets | {broken} violations found | {duration}s',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(presets, 0, { broken: 0 });
  return bar;
}
