/**
 * The report files a counterexample gets beside its trace file (`--report`): the trace itself
 * (json), and its Markdown story with a sequence diagram (md). Each is written whole or not at all.
 */

import type { CounterexampleView } from '../report/counterexample.ts';
import { markdownReport } from '../report/markdown.ts';
import { writeAtomically } from '../trace/atomic.ts';

/** The formats a report can be written in, and the default ones. */
export const reportFormats = ['json', 'md'] as const;
export type ReportFormat = (typeof reportFormats)[number];
export const DEFAULT_REPORT_FORMATS: readonly ReportFormat[] = ['json', 'md'];

/** Where a trace file's Markdown report goes: beside it, `.trace.json` becoming `.md`. */
export function markdownPathOf(traceFile: string): string {
  return traceFile.endsWith('.trace.json')
    ? `${traceFile.slice(0, -'.trace.json'.length)}.md`
    : `${traceFile}.md`;
}

/** Writes the Markdown report of a counterexample, named after its trace file (`traceFile`); returns its path. */
export function writeMarkdownReport(
  view: CounterexampleView,
  preset: string | null,
  traceFile: string,
): string {
  const path = markdownPathOf(traceFile);
  writeAtomically(path, markdownReport(view, preset));
  return path;
}
