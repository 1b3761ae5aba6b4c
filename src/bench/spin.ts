/**
 * SPIN's speed on the anchors' canonical replication model, for `npm run bench`. The issue asks the
 * bench to compare our exhaustive explorer's states per second with SPIN's on the same model, measured
 * in the same run on the same machine, because figures copied from another machine or day are not
 * comparable. The procedure follows the anchors' run-baseline.sh: generate and compile the verifier
 * once, size the hash table from one untimed run, then time the verifier process alone. Returns data;
 * the CLI prints it.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { packageRoot } from '../package-root.ts';
import { median } from './measure.ts';

const ANCHOR_FILE = 'replication.pml';

/** One configuration of the anchor model, as its SPIN preprocessor parameters. */
export interface SpinConfig {
  /** The number of messages, N. */
  readonly records: number;
  /** ACKS_ALL: true means acks=all, false means acks=1. */
  readonly acksAll: boolean;
  /** IDEMPOTENT: the leader drops a request whose message is already in its log. */
  readonly idempotent: boolean;
  /** CHECK: true checks the invariants; false counts the whole reachable graph. */
  readonly check: boolean;
}

export interface SpinMeasurement {
  /** Distinct reachable states, including the initial state ("states, stored"). */
  readonly states: number;
  /** (state, enabled rule) pairs: SPIN's "transitions" minus 1, which counts the initial state. */
  readonly edges: number;
  /** SPIN's "depth reached": the deepest DFS stack, which depends on the search order. */
  readonly depth: number;
  /** Median wall time of the verifier process, without generation or compilation. */
  readonly medianMilliseconds: number;
  readonly statesPerSecond: number;
}

/**
 * The anchor model, or null when it is absent. The directory named by DELIVERYCHECK_ANCHORS comes
 * first; otherwise the model is looked for in shared/anchors beside the checkout.
 */
export function spinAnchorPath(): string | null {
  const candidates: string[] = [];
  const fromEnvironment = process.env.DELIVERYCHECK_ANCHORS;
  if (fromEnvironment) candidates.push(resolve(fromEnvironment, ANCHOR_FILE));
  candidates.push(resolve(packageRoot, '..', 'shared', 'anchors', ANCHOR_FILE));
  return candidates.find((path) => existsSync(path)) ?? null;
}

function runs(command: string, args: readonly string[]): boolean {
  try {
    return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  }
}

/** Whether spin and gcc can be run from PATH. */
export function spinAvailable(): boolean {
  return runs('spin', ['-V']) && runs('gcc', ['--version']);
}

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Throws an Error naming the command when it could not run or did not succeed. */
function succeeded(result: SpawnSyncReturns<string>, command: string, args: readonly string[]): string {
  if (result.error === undefined && result.status === 0) return result.stdout;
  const why = result.error?.message ?? (result.signal ? `signal ${result.signal}` : `exit ${result.status}`);
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim();
  throw new Error(`\`${[command, ...args].join(' ')}\` failed (${why})${output ? `: ${output}` : ''}`);
}

function count(output: string, pattern: RegExp, what: string): number {
  const match = pattern.exec(output);
  if (!match) throw new Error(`SPIN's output has no "${what}" line:\n${output}`);
  return Number(match[1]);
}

/** The -w argument: ceil(log2(2 x states)), at least 10, as in the anchors' baseline. */
function hashBits(states: number): number {
  let bits = 10;
  while (2 ** bits < 2 * states) bits++;
  return bits;
}

/**
 * Measures SPIN's DFS verifier (gcc -O2 -DSAFETY) on the anchor model. Returns null when spin, gcc
 * or the anchor model is missing. Throws when generating, compiling or running the verifier fails.
 */
export function measureSpin(config: SpinConfig, repetitions = 3): SpinMeasurement | null {
  if (!Number.isInteger(repetitions) || repetitions < 1) {
    throw new RangeError(`repetitions must be a positive integer, not ${repetitions}`);
  }
  const anchor = spinAnchorPath();
  if (anchor === null || !spinAvailable()) return null;
  const directory = mkdtempSync(join(tmpdir(), 'deliverycheck-spin-'));
  try {
    const flag = (value: boolean) => (value ? '1' : '0');
    const generate = [
      `-DN=${config.records}`,
      `-DACKS_ALL=${flag(config.acksAll)}`,
      `-DIDEMPOTENT=${flag(config.idempotent)}`,
      `-DCHECK=${flag(config.check)}`,
      '-a',
      anchor,
    ];
    succeeded(run('spin', generate, directory), 'spin', generate);
    const compile = ['-O2', '-DSAFETY', '-o', 'pan', 'pan.c'];
    succeeded(run('gcc', compile, directory), 'gcc', compile);

    // A violation leaves a trail file; removing it keeps every run's work the same, as the baseline does.
    const clearTrails = () => {
      for (const name of readdirSync(directory)) {
        if (name.endsWith('.trail')) rmSync(join(directory, name));
      }
    };
    const sizingArgs: string[] = [];
    const sizing = succeeded(run('./pan', sizingArgs, directory), './pan', sizingArgs);
    const timedArgs = [`-w${hashBits(count(sizing, /(\d+) states, stored/, 'states, stored'))}`];

    const milliseconds: number[] = [];
    let output = '';
    for (let repetition = 0; repetition < repetitions; repetition++) {
      clearTrails();
      const start = performance.now();
      const result = run('./pan', timedArgs, directory);
      milliseconds.push(performance.now() - start);
      output = succeeded(result, './pan', timedArgs);
    }
    const states = count(output, /(\d+) states, stored/, 'states, stored');
    const medianMilliseconds = median(milliseconds);
    return {
      states,
      edges: count(output, /(\d+) transitions/, 'transitions') - 1,
      depth: count(output, /depth reached (\d+)/, 'depth reached'),
      medianMilliseconds,
      statesPerSecond: states / (medianMilliseconds / 1000),
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
