/**
 * The command line. Parses argv, runs one command, prints, and sets the exit code: 0 nothing
 * found, 1 a violation found (replay: reproduced), 2 bad usage, configuration or input file,
 * 3 an internal error.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/resolve.ts';
import { PathNotFound } from '../engines/random/random.ts';
import { FileWriteError } from '../trace/atomic.ts';
import { TOOL_VERSION } from '../version.ts';
import { registerBench } from './bench.ts';
import { registerCheck } from './check.ts';
import { registerExplore } from './explore.ts';
import { registerMatrix } from './matrix.ts';
import { registerMerge } from './merge.ts';
import { registerNightly } from './nightly.ts';
import { err, UsageError } from './output.ts';
import { registerPresets } from './presets.ts';
import { registerReplay } from './replay.ts';
import { registerReport } from './report.ts';

function program(): Command {
  const root = new Command('deliverycheck')
    .description(
      'Can this Kafka setup lose or duplicate my records, and exactly how? A model checker for Kafka delivery semantics.',
    )
    .version(TOOL_VERSION)
    .showHelpAfterError('(run with --help for the options)')
    .exitOverride();
  registerCheck(root);
  registerExplore(root);
  registerMerge(root);
  registerReplay(root);
  registerReport(root);
  registerPresets(root);
  registerMatrix(root);
  registerBench(root);
  registerNightly(root);
  for (const command of root.commands) command.exitOverride().showHelpAfterError();
  return root;
}

/**
 * A message as one line: line breaks and other control characters escaped as in JSON. A message
 * may quote a damaged file (JSON.parse's excerpt of it), which can hold any of them.
 */
function oneLine(message: string): string {
  return message.replace(/[\p{Cc}\u2028\u2029]/gu, (c) => {
    const short = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }[c];
    return short ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

async function main(argv: readonly string[]): Promise<number> {
  // No subcommand is a usage error: the help goes to stderr, and a script sees exit code 2.
  if (argv.length === 0) {
    err(program().helpInformation().trimEnd());
    return 2;
  }
  try {
    await program().parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already said what was wrong; help and --version are not errors.
      const fine = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code);
      return fine ? 0 : 2;
    }
    if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof FileWriteError ||
      error instanceof PathNotFound
    ) {
      err(`error: ${oneLine(error.message)}`);
      return 2;
    }
    err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 3;
  }
}

// A reader that stops early (`| head`) closes the pipe: what is left to print has nowhere to go.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
});

process.exitCode = await main(process.argv.slice(2));
