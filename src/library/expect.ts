/**
 * For a test suite: `expectNoViolation(setup)` runs `check` and throws when a property breaks,
 * with the story of the shortest counterexample found and the commands that replay it, so a
 * failing vitest (or any runner's) test says what went wrong in Kafka's words.
 */
import type { CounterexampleView } from '../report/counterexample.ts';
import { type CheckOptions, type CheckReport, check } from './check.ts';
import type { Setup } from './setup.ts';

/** A property broken in a test that expected none; `report` is the whole check. */
export class ViolationError extends Error {
  readonly report: CheckReport;
  readonly counterexample: CounterexampleView;

  constructor(report: CheckReport) {
    const first = report.counterexamples[0]!;
    const broken = report.counterexamples.map((c) => `${c.property} (${c.length} steps)`).join(', ');
    super(
      `deliverycheck found ${broken} in ${report.runs} runs from seed ${report.seed}\n\n${first.story.join('\n')}`,
    );
    this.name = 'ViolationError';
    this.report = report;
    this.counterexample = first;
  }
}

/** Checks the setup and returns the report when every judged property holds; throws ViolationError otherwise. */
export function expectNoViolation(setup: Setup, options: CheckOptions = {}): CheckReport {
  const report = check(setup, options);
  if (report.verdict === 'violated') throw new ViolationError(report);
  return report;
}
