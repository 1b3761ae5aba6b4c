// Fuzzing the real command line with malformed input: .properties files, flag values, and damaged
// trace, checkpoint, explore result and shard states files. Each case runs bin/deliverycheck.mjs as
// a child process in a fresh scratch directory and must exit 2 (a damaged trace may still be a
// trace, so replay may also exit 0 or 1) with one `error:` line on stderr that names the input, no
// stack trace and no "internal error", within 20 seconds, and must leave nothing behind: no
// temporary file, no report directory, no trace, no checkpoint. The cases are drawn by fast-check
// from fixed seeds, so every run tries the same ones.
//
// The default run tries 6 cases per family (36 in all). The nightly runs `npm run fuzz`,
// which sets DELIVERYCHECK_FUZZ_RUNS=200 to try 200 cases per family.

import { copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { propertyNames } from '../../properties/index.ts';
import { faultOptions, variantOptions } from '../config/faults.ts';
import { checkedContent, jsonWithChecksum, withChecksum } from '../trace/checksum.ts';
import { type CliRun, cli, scratch } from './testing.ts';

/** Cases per family: DELIVERYCHECK_FUZZ_RUNS when set (the nightly sets 200), else a quick 6. */
const RUNS = Math.max(1, Number.parseInt(process.env.DELIVERYCHECK_FUZZ_RUNS ?? '', 10) || 6);
/** A case that has not exited by then has hung. */
const TIMEOUT_MS = 20_000;
/** The seed of every family's cases; each family adds its own offset, so a new one leaves the others' cases as they were. */
const SEED = 42;
/** A test's budget: a case takes about a second, a hung one TIMEOUT_MS. */
const BUDGET_MS = 60_000 + RUNS * 5_000;

/** Every file and directory under a directory, as relative paths, sorted. */
function listing(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix))
    .flatMap((name) => {
      const path = prefix === '' ? name : `${prefix}/${name}`;
      return statSync(join(dir, path)).isDirectory() ? [`${path}/`, ...listing(dir, path)] : [path];
    })
    .sort();
}

interface Expectation {
  /** The exit codes the case may end with. */
  readonly codes: readonly number[];
  /** What the error line must name: the flag, the file path or the key. */
  readonly names: string;
  /** Paths a run that exits 0 or 1 may add (a resumed search writes its result). */
  readonly outputs?: RegExp;
}

/** What is wrong with a run, in words; empty when the run did what a malformed input must. */
function problemsOf(run: CliRun, dir: string, before: readonly string[], expected: Expectation): string[] {
  const problems: string[] = [];
  if (run.signal !== null) problems.push(`killed by ${run.signal}: no exit within ${TIMEOUT_MS} ms`);
  if (!expected.codes.includes(run.code))
    problems.push(`exit ${run.code}, not ${expected.codes.join(' or ')}`);
  if (/^\s+at /m.test(run.stderr) || /^\s+at /m.test(run.stdout)) problems.push('a stack trace');
  if (/internal error/i.test(run.stderr)) problems.push('"internal error" on stderr');
  const lines = run.stderr
    .trim()
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('warning: '));
  if (run.code === 2) {
    if (lines.length !== 1) problems.push(`${lines.length} lines on stderr, not one`);
    else if (!lines[0]!.startsWith('error: '))
      problems.push('the line on stderr does not begin with "error: "');
    else if (!lines[0]!.includes(expected.names)) problems.push(`the error does not name ${expected.names}`);
  } else if (run.code === 0 || run.code === 1) {
    if (lines.length > 0) problems.push(`exit ${run.code} with more than warnings on stderr`);
  }
  const after = listing(dir);
  const added = after.filter((path) => !before.includes(path));
  const removed = before.filter((path) => !after.includes(path));
  const temporary = added.filter((path) => /\.tmp$|\.deliverycheck\..*tmp/.test(path));
  if (temporary.length > 0) problems.push(`left temporary files ${temporary.join(', ')}`);
  const allowed = run.code === 0 || run.code === 1 ? expected.outputs : undefined;
  const unexpected = added.filter((path) => !temporary.includes(path) && allowed?.test(path) !== true);
  if (unexpected.length > 0) problems.push(`left ${unexpected.join(', ')} behind`);
  if (removed.length > 0) problems.push(`removed ${removed.join(', ')}`);
  return problems;
}

/** A value as a failure report shows it: escaped, and cut short when long. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} characters)` : text;
}

/**
 * Runs one case in its directory (its cwd) and returns its problems as one report, or null. The
 * directory of a failed case is kept, so the case can be run again by hand.
 */
function runCase(label: string, dir: string, args: readonly string[], expected: Expectation): string | null {
  const before = listing(dir);
  const run = cli(args, {}, { cwd: dir, timeoutMs: TIMEOUT_MS });
  const problems = problemsOf(run, dir, before, expected);
  if (problems.length === 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return [
    `${label}: ${problems.join('; ')}`,
    `  in ${dir}: deliverycheck ${args.map(shown).join(' ')}`,
    `  stderr: ${shown(run.stderr)}`,
  ].join('\n');
}

/** Draws a family's cases from its seed. */
function casesOf<T>(arbitrary: fc.Arbitrary<T>, offset: number): T[] {
  return fc.sample(arbitrary, { seed: SEED + offset, numRuns: RUNS });
}

// --- Garbage -----------------------------------------------------------------------------------

/** Characters that break naive parsers: controls, odd spaces, a BOM, other scripts, emoji. */
const oddChars = [
  '\x01',
  '\x07',
  '\x08',
  '\x0b',
  '\x1b',
  '\x7f',
  '\u00a0',
  '\u00e9',
  '\u2028',
  '\u200b',
  '\ufeff',
  '\u4e2d',
  '\u0663',
  '\uff13',
  '\u{1f600}',
  '"',
  "'",
  '#',
  '!',
  ',',
  '$',
  '%s',
  '{}',
];

/** A printable ASCII character other than the backslash (which would start an escape). */
const asciiChar = fc
  .integer({ min: 0x20, max: 0x7e })
  .map((code) => String.fromCharCode(code))
  .filter((c) => c !== '\\');

/** Short garbage without line breaks, NUL or backslashes. */
const garbage = fc.string({ unit: fc.oneof(asciiChar, fc.constantFrom(...oddChars)), maxLength: 12 });

/** Garbage that may be used inside a key: no separator (`=`, `:`, blanks) either. */
const keyGarbage = fc.string({
  unit: fc.oneof(
    asciiChar.filter((c) => !/[=: ]/.test(c)),
    fc.constantFrom(...oddChars.filter((c) => !/\s/.test(c))),
  ),
  maxLength: 10,
});

// --- .properties files --------------------------------------------------------------------------

/** Values no Kafka validator takes, for known keys: the wrong type, out of range, or empty. */
const wrongValues: readonly (readonly [string, readonly string[]])[] = [
  ['acks', ['2', 'ALL', '-2', 'one', '1.0', '', 'all,1']],
  ['retries', ['-5', '1.5', '2147483648', 'abc', '0x10', '1e3', '']],
  ['enable.idempotence', ['maybe', 'yes', '1', '', 'truee']],
  ['batch.size', ['1e99', '-1', '99999999999', '16k', '']],
  ['linger.ms', ['-1', '9223372036854775808', '1.0', 'soon']],
  ['replication.factor', ['0', '32768', 'three', '-3']],
  ['min.insync.replicas', ['0', '-1', '2147483648']],
  ['num.partitions', ['0', '1.5']],
  ['max.in.flight.requests.per.connection', ['0', '5.0', 'five']],
  ['delivery.timeout.ms', ['-1', '2147483648']],
  ['transactional.id', ['', '   ']],
  ['max.poll.records', ['0', 'many']],
  ['unclean.leader.election.enable', ['on', 'no']],
  ['flush.messages', ['0', '9223372036854775808']],
];

/** A known key with a value its validator refuses (built so, never filtered). */
const wrongTyped = fc
  .integer({ min: 0, max: wrongValues.length - 1 })
  .chain((i) => {
    const [key, values] = wrongValues[i]!;
    return fc.tuple(fc.constant(key), fc.constantFrom(...values));
  })
  .map(([key, value]) => ({ key, value }));

type Chunk = string | Uint8Array;

/** A line that is harmless on its own: blank, a comment, an ignored key, or a valid setting. */
const fillerLine: fc.Arbitrary<readonly Chunk[]> = fc.oneof(
  fc.constant(['']),
  garbage.map((g) => [`# ${g}`]),
  garbage.map((g) => [`! ${g}`]),
  fc
    .tuple(garbage, fc.uint8Array({ min: 0x80, max: 0xff, minLength: 1, maxLength: 4 }))
    .map(([g, bytes]) => [`# ${g}`, bytes]),
  garbage.map((g) => [`bootstrap.servers=${g}`]),
  fc.constantFrom(
    ['linger.ms=5'],
    ['acks = all'],
    ['retries:3'],
    ['enable.idempotence true'],
    ['batch.size=16384'],
  ),
);

/** A line that makes the file wrong by design: every one is refused naming the file. */
const poisonLine: fc.Arbitrary<readonly Chunk[]> = fc.oneof(
  // An unknown key, garbage and all.
  fc
    .tuple(keyGarbage, fc.constantFrom('=', ':', ' ', ' = '), garbage)
    .map(([key, separator, value]) => [`zz.${key}${separator}${value}`]),
  // An unknown key with binary bytes in it.
  fc
    .tuple(keyGarbage, fc.uint8Array({ min: 0x80, max: 0xff, minLength: 1, maxLength: 6 }), garbage)
    .map(([key, bytes, value]) => [`zz${key}`, bytes, `=${value}`]),
  // A \u escape without its four hex digits, in the value or the key.
  fc
    .tuple(
      keyGarbage,
      garbage,
      fc.stringMatching(/^[0-9a-fA-F]{0,3}$/),
      fc.constantFrom('Z', 'ZZ', '-', 'g1', ' ', ''),
      fc.boolean(),
    )
    .map(([key, value, hex, after, inKey]) =>
      inKey
        ? [`a${key}\\u${hex}${after === ' ' || after === '' ? 'Z' : after}=1`]
        : [`acks=${value}\\u${hex}${after}`],
    ),
  // A known key whose value is of the wrong type, with blanks around it.
  fc
    .tuple(wrongTyped, fc.constantFrom('', ' ', '\t'), fc.constantFrom('', ' ', '\t', '\x0b'))
    .map(([{ key, value }, before, after]) => [`${key}=${before}${value}${after}`]),
  // A key of 100,000 characters.
  fc
    .constantFrom('zz.'.padEnd(100_000, 'k'), 'acks'.repeat(25_000), `retries.${'x'.repeat(100_000)}`)
    .map((key) => [`${key}=1`]),
);

/** A .properties file: filler with one or two poison lines among it, in bytes. */
const propertiesFile = fc
  .tuple(
    fc.array(fillerLine, { maxLength: 6 }),
    fc.array(fc.tuple(poisonLine, fc.nat()), { minLength: 1, maxLength: 2 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
  )
  .map(([filler, poison, newline, lastNewline]) => {
    const lines = [...filler];
    for (const [line, at] of poison) lines.splice(at % (lines.length + 1), 0, line);
    const chunks = lines.flatMap((line, i) => (i === 0 ? line : [newline, ...line]));
    if (lastNewline) chunks.push(newline);
    return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
  });

// --- Flag values --------------------------------------------------------------------------------

type Command = 'check' | 'explore';

interface FlagSpec {
  readonly flag: string;
  readonly commands: readonly Command[];
  /** Candidate values, most of them wrong. */
  readonly values: fc.Arbitrary<string>;
  /** Whether the flag takes the value: those that it does are not malformed and are left out. */
  readonly valid: (value: string) => boolean;
}

/** Values that are wrong for many flags: empty, signed, huge, not numbers, other scripts' digits. */
const oddValues = [
  '',
  ' ',
  ',',
  '-1',
  '-0',
  '0',
  '+3',
  '1.5',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  '99999999999999',
  '9'.repeat(400),
  '5abc',
  '\u0663',
  '\uff13',
  '\u0661\u0662',
  '--json',
  '1/2',
  '=',
];

const noNul = (value: string) => !value.includes('\x00');

function integerFlag(flag: string, commands: readonly Command[], min: number, max: number): FlagSpec {
  return {
    flag,
    commands,
    values: fc.oneof(
      fc.constantFrom(...oddValues),
      fc.integer({ min: min - 1000, max: min - 1 }).map(String),
      fc.integer({ min: max + 1, max: max + 1_000_000 }).map(String),
      garbage,
    ),
    valid: (value) => /^\s*\d+\s*$/.test(value) && Number(value) >= min && Number(value) <= max,
  };
}

/** The faults --faults budgets, as typed. */
const faultNames = faultOptions.map((o) => o.name);

/** A name list with a defect: an empty name, an unknown one, or one named twice. */
function badNameList(names: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.subarray([...names], { maxLength: 3 }),
      fc.constantFrom('empty', 'unknown', 'twice'),
      keyGarbage.filter((g) => !names.includes(g.trim())),
      fc.nat(),
    )
    .map(([list, defect, unknown, at]) => {
      const parts = [...list];
      const extra = defect === 'empty' ? '' : defect === 'unknown' ? unknown : (parts[0] ?? names[0]!);
      if (defect === 'twice' && parts.length === 0) parts.push(extra);
      parts.splice(at % (parts.length + 1), 0, extra);
      return parts.join(',');
    });
}

/** What a name list flag takes: each name known, none empty, none twice. */
function validNameList(value: string, names: readonly string[]): boolean {
  const parts = value.split(',').map((s) => s.trim());
  return parts.every((p) => names.includes(p)) && new Set(parts).size === parts.length;
}

/** A --faults value with a defect by design: a fault twice, an empty pair, an unknown fault, a bad budget. */
const badFaults = fc
  .tuple(
    fc
      .tuple(
        fc.subarray(faultNames, { maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 3, maxLength: 3 }),
      )
      .map(([names, budgets]) => names.map((name, i) => `${name}=${budgets[i]}`)),
    fc.constantFrom('twice', 'empty', 'unknown', 'budget', 'no-value', 'two-values'),
    keyGarbage.filter((g) => !faultNames.includes(g.trim())),
    fc.oneof(
      fc.constantFrom('10', '-1', '', 'x', '1.5', '\u0663', '99999999999999', '1e1', '0x1'),
      fc.integer({ min: 10, max: 1_000_000 }).map(String),
    ),
    fc.nat(),
  )
  .map(([pairs, defect, unknown, budget, at]) => {
    const name = faultNames[at % faultNames.length]!;
    const bad =
      defect === 'twice'
        ? (pairs[0] ?? `${name}=1`).replace(/=\d$/, '=2')
        : defect === 'empty'
          ? ''
          : defect === 'unknown'
            ? `${unknown}=1`
            : defect === 'budget'
              ? `${name}=${budget}`
              : defect === 'no-value'
                ? name
                : `${name}=1=2`;
    const parts = defect === 'twice' && pairs.length === 0 ? [`${name}=1`] : [...pairs];
    if (defect !== 'twice' && defect !== 'empty')
      // The bad pair's fault is not also given well, which would be a second defect hiding the first.
      parts.splice(0, parts.length, ...parts.filter((p) => !p.startsWith(`${name}=`)));
    parts.splice(at % (parts.length + 1), 0, bad);
    return parts.join(',');
  });

/** Each variant --variant takes, with its values. */
const variants: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  variantOptions.map((o) => [o.name, o.values]),
);

/** A --variant value that names no variant, or a value it does not have, or is no NAME=VALUE. */
const badVariant = fc.oneof(
  fc.tuple(keyGarbage, garbage).map(([name, value]) => `${name}=${value}`),
  fc.tuple(fc.constantFrom(...Object.keys(variants)), garbage).map(([name, value]) => `${name}=${value}`),
  fc.constantFrom(...Object.keys(variants)),
  fc.constantFrom(
    'lso=exclusive=inclusive',
    'truncation=',
    '=leader-epoch',
    'LSO=exclusive',
    'lso=Exclusive',
  ),
);

function validVariant(value: string): boolean {
  const [name = '', given, ...rest] = value.split('=').map((s) => s.trim());
  return (
    rest.length === 0 &&
    given !== undefined &&
    Object.hasOwn(variants, name) &&
    variants[name]!.includes(given)
  );
}

/** A --set value that is no KEY=VALUE, an unknown key, or a value of the wrong type. */
const badSet = fc.oneof(
  keyGarbage.filter((g) => !g.includes('=')),
  garbage.map((value) => `=${value}`),
  fc.tuple(keyGarbage, garbage).map(([key, value]) => `zz.${key}=${value}`),
  wrongTyped.map(({ key, value }) => `${key}=${value}`),
);

function validShard(value: string): boolean {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= Number(m[2]) && Number(m[2]) <= 1024;
}

const flagSpecs: readonly FlagSpec[] = [
  integerFlag('--runs', ['check'], 1, 100_000_000),
  {
    flag: '--seed',
    commands: ['check'],
    values: fc.oneof(
      fc.constantFrom(...oddValues, '2147483648', '-2147483649', '- 1', '1 2'),
      fc.bigInt({ min: 2n ** 31n, max: 2n ** 70n }).map(String),
      fc.bigInt({ min: -(2n ** 70n), max: -(2n ** 31n) - 1n }).map(String),
      garbage,
    ),
    valid: (value) =>
      /^\s*-?\d+\s*$/.test(value) && Number(value) >= -(2 ** 31) && Number(value) <= 2 ** 31 - 1,
  },
  {
    flag: '--path',
    commands: ['check'],
    values: fc.oneof(
      fc.constantFrom(...oddValues, '1::2', '1:', ':1', '1:-2', '1 :2', '100000000', '99999999999:0'),
      fc.integer({ min: 100_000_000, max: 2 ** 31 }).map((run) => `${run}:0`),
      garbage,
    ),
    // Well formed and reachable: the check walks to it (or says it names no schedule).
    valid: (value) => /^\d+(:\d+)*$/.test(value) && Number(value.split(':')[0]) <= 99_999_999,
  },
  integerFlag('--depth', ['explore'], 0, 10_000),
  integerFlag('--max-states', ['explore'], 1, 2_000_000_000),
  integerFlag('--brokers', ['check', 'explore'], 1, 9),
  integerFlag('--partitions', ['check', 'explore'], 1, 8),
  integerFlag('--producers', ['check', 'explore'], 1, 4),
  integerFlag('--records', ['check', 'explore'], 1, 20),
  integerFlag('--workers', ['explore'], 1, 256),
  integerFlag('--checkpoint-every', ['explore'], 1, 86_400),
  {
    flag: '--faults',
    commands: ['check', 'explore'],
    values: fc.oneof(badFaults, fc.constantFrom('', ',', 'crash=1,crash=2', 'crash=1,', ' , ')),
    // Built with a defect each; nothing to leave out.
    valid: () => false,
  },
  { flag: '--variant', commands: ['check', 'explore'], values: badVariant, valid: validVariant },
  {
    flag: '--properties',
    commands: ['check'],
    values: fc.oneof(badNameList(propertyNames), fc.constantFrom('no-loss,no-loss', ',', '', 'none')),
    valid: (value) => validNameList(value, propertyNames),
  },
  {
    flag: '--properties',
    commands: ['explore'],
    values: fc.oneof(badNameList(propertyNames), fc.constantFrom('none,none', 'none,no-loss', ',', '')),
    valid: (value) => value.trim() === 'none' || validNameList(value, propertyNames),
  },
  { flag: '--set', commands: ['check', 'explore'], values: badSet, valid: () => false },
  {
    flag: '--shard',
    commands: ['explore'],
    values: fc.oneof(
      fc
        .tuple(fc.integer({ min: -2, max: 2000 }), fc.integer({ min: -2, max: 2000 }))
        .map(([k, n]) => `${k}/${n}`),
      fc.constantFrom(...oddValues, '0/2', '3/2', '1/0', '1/1025', '1/2/3', '1-2', '/', 'a/b', '1/2 3'),
      garbage,
    ),
    valid: validShard,
  },
  {
    flag: '--reduction',
    commands: ['explore'],
    values: fc.oneof(
      fc.constantFrom(
        ...oddValues,
        'NONE',
        'sleep_sets',
        'sleepsets',
        'none,sleep-sets',
        'sleep-sets '.repeat(3),
      ),
      garbage,
    ),
    valid: (value) => ['none', 'sleep-sets'].includes(value.trim()),
  },
];

/** The shortest run of each command, to which one bad flag is added. */
const baseArgs: Record<Command, readonly string[]> = {
  check: ['check', '--preset', 'durable', '--runs', '5'],
  explore: ['explore', '--preset', 'durable', '--depth', '2'],
};

const flagCase = fc
  .tuple(
    fc.nat({ max: flagSpecs.length - 1 }),
    fc.nat(),
    fc.boolean(),
    fc.string({ unit: fc.constantFrom(...oddChars), maxLength: 1000 }),
  )
  .chain(([i, j, outHere, long]) => {
    const spec = flagSpecs[i]!;
    const command = spec.commands[j % spec.commands.length]!;
    // A long value now and then, of odd characters: only valid when the flag says so.
    const values = fc.oneof(
      { weight: 9, arbitrary: spec.values },
      { weight: 1, arbitrary: fc.constant(long) },
    );
    return values
      .filter((value) => noNul(value) && !spec.valid(value))
      .map((value) => ({ flag: spec.flag, command, value, outHere }));
  });

// --- Damaged files ------------------------------------------------------------------------------

/** A place in a document: the keys and indices from its top, never the top itself. */
type Path = readonly (string | number)[];

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null && !ArrayBuffer.isView(value);
}

/** Walks down from the top, choosing a child at each level, or stopping there, by the choices given. */
function pathIn(value: unknown, choices: readonly number[]): Path {
  const path: (string | number)[] = [];
  let at = value;
  for (const choice of choices) {
    if (!isContainer(at)) break;
    const keys: (string | number)[] = Array.isArray(at) ? at.map((_, i) => i) : Object.keys(at);
    if (keys.length === 0) break;
    // Once below the top, stopping is one more choice beside each child.
    const pick = choice % (keys.length + (path.length > 0 ? 1 : 0));
    if (pick === keys.length) break;
    const key = keys[pick]!;
    path.push(key);
    at = (at as Record<string | number, unknown>)[key];
  }
  return path;
}

/** Every place in a document, the top excepted, in document order. */
function pathsIn(value: unknown, above: Path = []): Path[] {
  if (!isContainer(value)) return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => {
    const path = [...above, key];
    return [path, ...pathsIn((value as Record<string | number, unknown>)[key], path)];
  });
}

/** A place chosen by the choices: half the time a walk from the top, else any place, all alike. */
function placeIn(value: unknown, choices: readonly number[]): Path {
  const [first = 0, ...rest] = choices;
  if (first % 2 === 0) return pathIn(value, rest);
  const all = pathsIn(value);
  return all[(rest[0] ?? 0) % all.length] ?? [];
}

/** Huge, negative, fractional and non-integral numbers a field may be set to. */
const oddNumbers = [
  -1,
  -0.5,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  99_999_999_999_999,
  1e308,
  -1e308,
  5e-324,
];

type Edit =
  | { readonly kind: 'delete' }
  | { readonly kind: 'replace'; readonly value: unknown }
  | { readonly kind: 'number'; readonly value: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.constant({ kind: 'delete' as const }),
  fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: 'replace' as const, value })),
  fc.constantFrom(...oddNumbers).map((value) => ({ kind: 'number' as const, value })),
);

/** A copy of the document with one field deleted, or replaced by another value. */
function edited(document: unknown, path: Path, change: Edit): unknown {
  const copy = structuredClone(document);
  if (path.length === 0) return copy;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (change.kind !== 'delete') parent[last] = change.value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return copy;
}

type ByteDamage =
  | { readonly kind: 'flip'; readonly at: readonly number[]; readonly bit: number }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'append'; readonly bytes: Uint8Array }
  | { readonly kind: 'overwrite'; readonly at: number; readonly bytes: Uint8Array };

const byteDamage: fc.Arbitrary<ByteDamage> = fc.oneof(
  fc
    .tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.nat({ max: 7 }))
    .map(([at, bit]) => ({ kind: 'flip' as const, at, bit })),
  fc.nat().map((at) => ({ kind: 'truncate' as const, at })),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({ kind: 'append' as const, bytes })),
  fc
    .tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 }))
    .map(([at, bytes]) => ({ kind: 'overwrite' as const, at, bytes })),
);

/** The bytes damaged; never equal to the original (a flip changes a bit, a cut keeps less). */
function damaged(bytes: Uint8Array, damage: ByteDamage): Uint8Array {
  const copy = new Uint8Array(bytes);
  switch (damage.kind) {
    case 'flip':
      for (const at of new Set(damage.at.map((a) => a % copy.length)))
        copy[at] = copy[at]! ^ (1 << damage.bit);
      return copy;
    case 'truncate':
      return copy.subarray(0, damage.at % copy.length);
    case 'append':
      return Buffer.concat([copy, damage.bytes]);
    case 'overwrite': {
      const at = damage.at % copy.length;
      const bytes = damage.bytes.map((b, i) => (b === copy[at + i] ? b ^ 0xff : b));
      copy.set(bytes.subarray(0, copy.length - at), at);
      return copy;
    }
  }
}

/** A damaged JSON file: its bytes damaged, or one field deleted or replaced (the text printed again). */
type JsonDamage =
  | { readonly kind: 'bytes'; readonly damage: ByteDamage }
  | { readonly kind: 'field'; readonly choices: readonly number[]; readonly edit: Edit };

const jsonDamage: fc.Arbitrary<JsonDamage> = fc.oneof(
  byteDamage.map((damage) => ({ kind: 'bytes' as const, damage })),
  fc
    .tuple(fc.array(fc.nat(), { minLength: 2, maxLength: 7 }), edit)
    .map(([choices, e]) => ({ kind: 'field' as const, choices, edit: e })),
);

function damagedJson(text: string, damage: JsonDamage): Uint8Array {
  if (damage.kind === 'bytes') return damaged(Buffer.from(text, 'utf8'), damage.damage);
  const document: unknown = JSON.parse(text);
  return Buffer.from(
    `${JSON.stringify(edited(document, placeIn(document, damage.choices), damage.edit), null, 2)}\n`,
  );
}

/** Whether the damaged text still holds the same document: `1e-15` for `1E-15`, a value for itself. */
function sameDocument(original: string, bytes: Uint8Array): boolean {
  try {
    return (
      JSON.stringify(JSON.parse(Buffer.from(bytes).toString('utf8'))) === JSON.stringify(JSON.parse(original))
    );
  } catch {
    return false;
  }
}

/** Where beforeAll put the real files the damaged ones are made from. */
let source = '';
let traces: string[] = [];
let checkpoint = '';
/** The shards' result files and their states files, by name. */
let shardFiles: string[] = [];
let results: string[] = [];

const resumeArgs = ['explore', '--preset', 'durable', '--depth', '4'];

/** A fresh directory holding copies of the shard files, for merge. */
function shardCopies(): string {
  const dir = scratch();
  for (const name of shardFiles) copyFileSync(join(source, name), join(dir, name));
  return dir;
}

beforeAll(() => {
  source = scratch();
  const check = cli(['check', '--preset', 'acks1-leader-failover', '--runs', '300', '--out', source]);
  expect(check.code).toBe(1);
  const explore = cli([...resumeArgs, '--checkpoint', join(source, 'run.ckpt'), '--out', source]);
  expect(explore.code).toBe(0);
  for (const shard of ['1/2', '2/2'])
    expect(cli([...resumeArgs, '--shard', shard, '--out', source]).code).toBe(0);
  const names = readdirSync(source);
  traces = names.filter((f) => f.endsWith('.trace.json')).map((f) => join(source, f));
  checkpoint = join(source, 'run.ckpt');
  shardFiles = names.filter((f) => /\.shard\dof2\.(explore\.json|states\.bin)$/.test(f)).sort();
  results = shardFiles.filter((f) => f.endsWith('.explore.json'));
  expect(traces.length).toBeGreaterThan(0);
  expect([shardFiles.length, results.length]).toEqual([4, 2]);
}, BUDGET_MS);

describe('fuzz', () => {
  it(
    'fuzz: malformed .properties files exit 2 with one line naming the file',
    () => {
      // Expected: each file has an unknown key, a bad \u escape, a wrongly typed value or a 100,000-character key among harmless lines: exit 2 naming the file.
      const failures: string[] = [];
      casesOf(fc.tuple(propertiesFile, fc.boolean()), 1).forEach(([bytes, outHere], n) => {
        const dir = scratch();
        const file = join(dir, 'fuzz.properties');
        writeFileSync(file, bytes);
        const out = outHere ? dir : join(dir, 'reports');
        const args = ['check', '--config', file, '--runs', '5', '--out', out];
        const failure = runCase(`properties case ${n}`, dir, args, { codes: [2], names: file });
        if (failure !== null)
          failures.push(`${failure}\n  file: ${shown(Buffer.from(bytes).toString('utf8'))}`);
      });
      expect(failures).toEqual([]);
    },
    BUDGET_MS,
  );

  it(
    'fuzz: a bad value for any flag of check or explore exits 2 with one line naming the flag',
    () => {
      // Expected: a value each flag refuses (empty, signed, huge, not a number, other scripts' digits, an empty or repeated list entry) exits 2 naming the flag.
      const failures: string[] = [];
      casesOf(flagCase, 2).forEach(({ flag, command, value, outHere }, n) => {
        const dir = scratch();
        const base = baseArgs[command].filter((arg, i, all) => arg !== flag && all[i - 1] !== flag);
        const args = [...base, flag, value, '--out', outHere ? dir : join(dir, 'reports')];
        const failure = runCase(`flag case ${n}`, dir, args, { codes: [2], names: flag });
        if (failure !== null) failures.push(failure);
      });
      expect(failures).toEqual([]);
    },
    BUDGET_MS,
  );

  it(
    'fuzz: a damaged trace file replays or exits 2 with one line naming the file',
    () => {
      // Expected: a trace still whole after its damage replays (0 or 1); any other exits 2 naming the file; never a crash.
      const failures: string[] = [];
      const traceCase = fc.tuple(fc.nat(), jsonDamage);
      casesOf(traceCase, 3).forEach(([which, damage], n) => {
        const dir = scratch();
        const file = join(dir, 'damaged.trace.json');
        writeFileSync(file, damagedJson(readFileSync(traces[which % traces.length]!, 'utf8'), damage));
        const failure = runCase(`trace case ${n} (${damage.kind})`, dir, ['replay', file], {
          codes: [0, 1, 2],
          names: file,
        });
        if (failure !== null) failures.push(failure);
      });
      expect(failures).toEqual([]);
    },
    BUDGET_MS,
  );

  it(
    'fuzz: explore --resume of a damaged checkpoint exits 2 with one line naming the file',
    () => {
      // Expected: the checksum no longer holds after any damage to the bytes, so every resume is refused naming the file, and no result is written.
      const failures: string[] = [];
      const bytes = readFileSync(checkpoint);
      casesOf(byteDamage, 4).forEach((damage, n) => {
        const dir = scratch();
        const file = join(dir, 'run.ckpt');
        writeFileSync(file, damaged(bytes, damage));
        const args = [...resumeArgs, '--resume', file, '--out', join(dir, 'out')];
        const failure = runCase(`checkpoint case ${n} (${damage.kind})`, dir, args, {
          codes: [2],
          names: file,
        });
        if (failure !== null) failures.push(failure);
      });
      expect(failures).toEqual([]);
    },
    BUDGET_MS,
  );

  it(
    'fuzz: merge of a damaged shard result or states file exits 2 with one line naming the file',
    () => {
      // Expected: a result file whose checksum no longer holds, or a states file with any damaged byte, is refused naming it; a result whose damage leaves the same document merges.
      const failures: string[] = [];
      const mergeCase = fc.tuple(fc.nat({ max: 3 }), jsonDamage, byteDamage, fc.boolean());
      casesOf(mergeCase, 5).forEach(([which, jsonHarm, byteHarm, swap], n) => {
        const dir = shardCopies();
        const name = shardFiles[which]!;
        const file = join(dir, name);
        const original = readFileSync(file);
        const json = name.endsWith('.json');
        const bytes = json ? damagedJson(original.toString('utf8'), jsonHarm) : damaged(original, byteHarm);
        writeFileSync(file, bytes);
        const files = results.map((r) => join(dir, r));
        const args = ['merge', ...(swap ? files.reverse() : files)];
        const same = json && sameDocument(original.toString('utf8'), bytes);
        const kind = json ? jsonHarm.kind : byteHarm.kind;
        const failure = runCase(`merge case ${n} (${name}, ${kind})`, dir, args, {
          codes: same ? [0] : [2],
          names: file,
        });
        if (failure !== null) failures.push(failure);
      });
      expect(failures).toEqual([]);
    },
    BUDGET_MS,
  );

  it(
    'fuzz: a checkpoint or result file edited field by field, checksum and all, resumes or merges, or exits 2 naming the file',
    () => {
      // Expected: with a checksum that holds, a missing field, a value of another type or a huge or negative number is refused naming the file, or is one the search can run on; never a crash or a hang.
      const failures: string[] = [];
      const content = checkedContent(readFileSync(checkpoint));
      if (!content.ok) throw new Error(`${checkpoint}: ${content.problem}`);
      const saved: unknown = deserialize(content.content);
      const editCase = fc.tuple(
        fc.boolean(),
        fc.nat({ max: 1 }),
        fc.array(fc.nat(), { minLength: 2, maxLength: 6 }),
        edit,
        fc.constantFrom('both', 'swapped', 'alone', 'twice'),
      );
      casesOf(editCase, 6).forEach(([onCheckpoint, which, choices, change, given], n) => {
        if (onCheckpoint) {
          const dir = scratch();
          const file = join(dir, 'run.ckpt');
          const path = placeIn(saved, choices);
          writeFileSync(file, withChecksum(serialize(edited(saved, path, change))));
          const args = [...resumeArgs, '--resume', file, '--out', join(dir, 'out')];
          const failure = runCase(
            `edited checkpoint case ${n} (${change.kind} ${path.join('.')})`,
            dir,
            args,
            {
              codes: [0, 1, 2],
              names: file,
              outputs: /^out\//,
            },
          );
          if (failure !== null) failures.push(failure);
          return;
        }
        const dir = shardCopies();
        const file = join(dir, results[which]!);
        const { checksum: _, ...document } = JSON.parse(readFileSync(file, 'utf8')) as Record<
          string,
          unknown
        >;
        const path = placeIn(document, choices);
        writeFileSync(file, jsonWithChecksum(edited(document, path, change) as object));
        // Merge is given both shards, or the edited one alone, or twice.
        const both = results.map((r) => join(dir, r));
        const files =
          given === 'both'
            ? both
            : given === 'swapped'
              ? both.reverse()
              : given === 'alone'
                ? [file]
                : [file, file];
        const failure = runCase(
          `edited result case ${n} (${change.kind} ${path.join('.')}, ${given})`,
          dir,
          ['merge', ...files],
          { codes: [0, 1, 2], names: file },
        );
        if (failure !== null) failures.push(failure);
      });
      expect(failures).toEqual([]);
    },
    BUDGET_MS,
  );
});
