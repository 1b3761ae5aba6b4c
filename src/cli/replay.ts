/**
 * `deliverycheck replay TRACE.json`: rerun a trace file step by step. Exit 1 when the recorded
 * violation comes back, 0 when the trace now runs clean, 2 for a bad file or a model that no
 * longer accepts a recorded step.
 */
import type { Command } from 'commander';
import { ruleNames } from '../../model/canonical/index.ts';
import { type Action, actionKey } from '../../model/index.ts';
import { type Reproduction, reproduceCanonicalTrace, reproduceTrace } from '../adapters/reproduce.ts';
import { type CounterexampleView, counterexampleView, ruleStepsView } from '../report/counterexample.ts';
import { shellWord } from '../report/shell.ts';
import { tell } from '../report/story.ts';
import { renderStory } from '../report/terminal.ts';
import { readTrace } from '../trace/file.ts';
import { err, out, paintFor, UsageError } from './output.ts';

/**
 * A trace file's counterexample in the one shape: told through the Kafka model, or by rule name.
 * A trace the model no longer follows cannot be told: that is a UsageError naming the step.
 */
export function traceView(
  read: Extract<ReturnType<typeof readTrace>, { ok: true }>,
  file: string,
): CounterexampleView {
  const replay = [`npx deliverycheck replay ${shellWord(file)}`];
  if (read.model === 'kafka') {
    const replayed = reproduceTrace(read.trace);
    if (replayed.kind === 'diverged') {
      throw new UsageError(`the model diverged from ${file}: ${replayed.reason}`);
    }
  }
  if (read.model !== 'kafka') {
    return ruleStepsView({ ...read.trace, steps: read.trace.actions.map(String), traceFile: file }, replay);
  }
  return counterexampleView(read.trace, {
    shortest: read.trace.explorer === 'exhaustive',
    traceFile: file,
    replay,
  });
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('replay a trace file and judge every property again')
    .argument('<trace>', 'a trace file written by check or explore')
    .option('--json', 'print one JSON object on stdout and nothing else there')
    .action((file: string, options: { json?: boolean }) => {
      const read = readTrace(file);
      if (!read.ok) throw new UsageError(read.message);
      const trace = read.trace;
      const kafka = read.model === 'kafka' ? read.trace : null;
      const result: Reproduction<Action | number> =
        read.model === 'kafka' ? reproduceTrace(read.trace) : reproduceCanonicalTrace(read.trace);
      const keyOf = (action: Action | number) =>
        typeof action === 'number' ? (ruleNames[action] ?? String(action)) : actionKey(action);
      const json = options.json === true;
      if (json) {
        out(
          JSON.stringify(
            {
              outcome: result.kind,
              property: trace.property,
              protocol: kafka === null ? read.model : kafka.protocol,
              length: trace.actions.length,
              // The recorded counterexample in the one shape, as check and explore print it.
              ...(result.kind === 'diverged' ? {} : { counterexample: traceView(read, file) }),
              ...(result.kind === 'reproduced'
                ? { message: result.violation.message, step: result.violation.step }
                : {}),
              ...(result.kind === 'diverged'
                ? { divergedAt: result.step, action: keyOf(result.action), reason: result.reason }
                : { alsoViolated: result.others.map((v) => v.property) }),
            },
            null,
            2,
          ),
        );
      }
      if (result.kind === 'diverged') {
        err(`error: the model diverged from ${file}: ${result.reason}`);
        process.exitCode = 2;
        return;
      }
      if (!json) {
        const paint = paintFor(false);
        if (result.kind === 'reproduced' && kafka !== null) out(renderStory(tell(kafka), [], paint));
        else if (result.kind === 'reproduced') {
          out(
            paint.bold(
              `${trace.property} violated after ${trace.actions.length} steps: ${result.violation.message}`,
            ),
          );
          out(trace.actions.map((a, i) => `  ${i + 1}. ${a}`));
        } else
          out(
            paint.green(`${file}: all ${trace.actions.length} steps replay and ${trace.property} now holds`),
          );
      }
      process.exitCode = result.kind === 'reproduced' ? 1 : 0;
    });
}
