/**
 * `deliverycheck report TRACE.json --format md [--out DIR]`: renders an existing trace file's
 * counterexample as a report, beside the trace or in DIR. Exit 0, or 2 for a bad file or format.
 */
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { reportFormats, writeMarkdownReport } from '../pipelines/report-files.ts';
import { readTrace } from '../trace/file.ts';
import { reportFormatsOf } from './names.ts';
import { out, UsageError } from './output.ts';
import { checkOutputDirectory } from './paths.ts';
import { traceView } from './replay.ts';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description("render a trace file's counterexample as a report (md: its story with a sequence diagram)")
    .argument('<trace>', 'a trace file that check, explore or nightly wrote')
    .option(
      '--format <formats>',
      `the formats to write: ${reportFormats.filter((f) => f !== 'json').join(', ')} (json is the trace itself)`,
      reportFormatsOf('--format'),
      ['md'],
    )
    .option('--out <dir>', 'where the reports go (default: beside the trace)')
    .action((file: string, options: { format: readonly string[]; out?: string }) => {
      const read = readTrace(file);
      if (!read.ok) throw new UsageError(read.message);
      if (options.out !== undefined) checkOutputDirectory('--out', options.out);
      const named = options.out === undefined ? file : join(options.out, basename(file));
      if (options.format.includes('md')) {
        const preset = read.model === 'kafka' ? read.trace.preset : null;
        out(`report written to ${writeMarkdownReport(traceView(read, file), preset, named)}`);
      }
    });
}
