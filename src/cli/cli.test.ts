// The CLI contract (exit codes, --json, trace files, replay) exercised through the real binary.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, cli as run, scratch } from './testing.ts';

const cli = (...args: string[]) => run(args);

describe('cli', () => {
  it('check --shrink-states: a larger shortest-search budget turns an unproven counterexample into a shortest one, and the replay command keeps it', () => {
    // Expected: seed 1 finds an order violation that 2,000 states cannot prove or shorten below 18
    // steps; 20,000 states (the default) cover every shorter schedule and give 12 steps, shortest.
    // (idempotent-zombie-expiry seed 2 shows the same at 20,000 against 300,000 in the README.)
    const scenario = ['check', '--preset', 'acksall-retry-duplicates', '--properties', 'order'];
    const narrow = cli(...scenario, '--shrink-states', '2000', '--json', '--out', scratch());
    expect(narrow.code).toBe(1);
    const unproven = JSON.parse(narrow.stdout).counterexamples[0];
    expect([unproven.length, unproven.shortest, unproven.shrinkStates]).toEqual([18, false, 2_000]);
    const told = cli(...scenario, '--shrink-states', '2000', '--out', scratch());
    expect(told.stdout).toContain('18-step counterexample\n');
    expect(told.stdout).toContain('--shrink-states=2000');
    const wider = cli(...scenario, '--out', scratch());
    expect(wider.code).toBe(1);
    expect(wider.stdout).toContain('12-step counterexample (shortest)');
    expect(wider.stdout).not.toContain('--shrink-states=');
    const bad = cli('check', '--preset', 'durable', '--shrink-states', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--shrink-states must be a whole number from 1 to 100000000');
  });

  it('a reader that stops early (| head) ends the output quietly, with no stack trace', () => {
    const piped = spawnSync('sh', ['-c', `node ${JSON.stringify(bin)} presets | head -n 1`], {
      encoding: 'utf8',
    });
    expect(piped.stdout.trim().split('\n')).toHaveLength(1);
    expect(piped.stderr).not.toContain('EPIPE');
    expect(piped.stderr).not.toContain('    at ');
  });

  it('cli: check --json: a violation exits 1 with one JSON object, a trace file, and replays from file and seed+path', () => {
    // Expected: exit 1; stdout parses as JSON with the contract's fields; both replays give back the violation.
    const out = scratch();
    const run = cli('check', '--preset', 'acks1-leader-failover', '--runs', '100', '--json', '--out', out);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.verdict).toBe('violated');
    expect(result.properties['no-loss']).toBe('violated');
    expect(Object.keys(result)).toEqual(
      expect.arrayContaining([
        'runs',
        'seed',
        'path',
        'warnings',
        'violation',
        'counterexample',
        'counterexamples',
      ]),
    );
    const noLoss = result.counterexamples.find((c: { property: string }) => c.property === 'no-loss');
    expect(existsSync(noLoss.traceFile)).toBe(true);

    const replayed = cli('replay', noLoss.traceFile, '--json');
    expect(replayed.code).toBe(1);
    expect(JSON.parse(replayed.stdout)).toMatchObject({
      outcome: 'reproduced',
      property: 'no-loss',
      length: noLoss.length,
    });

    const again = cli(
      'check',
      '--preset',
      'acks1-leader-failover',
      `--seed=${noLoss.seed}`,
      `--path=${noLoss.path}`,
      `--prefix-states=${noLoss.prefixStates}`,
      '--json',
      '--out',
      out,
    );
    const regenerated = JSON.parse(again.stdout).counterexamples.find(
      (c: { property: string }) => c.property === 'no-loss',
    );
    expect(regenerated.length).toBe(noLoss.length);
    expect(JSON.parse(readFileSync(regenerated.traceFile, 'utf8')).actions).toEqual(
      JSON.parse(readFileSync(noLoss.traceFile, 'utf8')).actions,
    );
  });

  it('cli: check: a clean run exits 0 and the human report tells the verdict per property', () => {
    // Expected: durable holds for a small budget; the table lists every property as passed.
    const run = cli('check', '--preset', 'durable', '--runs', '150', '--out', scratch());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/no-loss\s+passed/);
    expect(run.stdout).toContain('nothing found in 150 runs');
    // A pass says how far it looked: distinct states, the longest schedule, the witnesses.
    expect(run.stdout).toMatch(
      /covered: [\d,]+ distinct states, longest schedule \d+ steps, witnesses reached: \S/,
    );
    expect(run.stdout).toContain('record-acknowledged');
  });

  it('cli: bad input: exit 2, a message naming what is wrong and what is allowed, no stack trace, no files', () => {
    // Expected: every case below is refused cleanly before anything is written.
    const out = join(scratch(), 'never');
    const cases: [string[], RegExp][] = [
      [['check', '--bogus'], /unknown option '--bogus'/],
      [['check', '--runs', 'abc'], /--runs must be a whole number/],
      [['check', '--preset', 'nope'], /unknown preset "nope"; presets are: acks0-lossy/],
      [['check', '--set', 'acks=2'], /acks must be one of all, -1, 0, 1; got "2"/],
      [['check', '--config', 'missing.properties'], /cannot read --config missing.properties: no such file/],
      [
        ['check', '--set', 'enable.idempotence=true', '--set', 'acks=1'],
        /ConfigException: Must set acks to all/,
      ],
      [['check', '--faults', 'crash=x'], /--faults crash= must be a whole number from 0 to 9/],
      [['check', '--variant', 'truncation=maybe'], /one of leader-epoch, high-watermark/],
      [['check', '--set', 'enable.idempotency=true'], /did you mean "enable.idempotence"/],
      [['replay', 'no-such.trace.json'], /cannot read no-such.trace.json: no such file/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const run = cli(...args, ...(args[0] === 'check' ? ['--out', out] : []));
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('cli: transactions: bad flags and keys exit 2 naming what is wrong and what is allowed', () => {
    // Expected: each refusal below, before anything is written.
    const out = join(scratch(), 'never');
    const cases: [string[], RegExp][] = [
      [['--transaction-records', '0'], /--transaction-records must be a whole number from 1 to 20; got "0"/],
      [['--faults', 'abort=x'], /--faults abort= must be a whole number from 0 to 9; got "x"/],
      [['--faults', 'producer-stal=1'], /did you mean "producer-stall"/],
      [['--variant', 'lso=maybe'], /--variant lso must be one of exclusive, inclusive; got "maybe"/],
      [['--variant', 'transaction-version=3'], /--variant transaction-version must be one of 1, 2/],
      [
        ['--set', 'isolation.level=READ_COMMITTED'],
        /isolation.level must be one of read_committed, read_uncommitted; got "READ_COMMITTED"/,
      ],
      [
        ['--set', 'transactional.id=t1', '--set', 'enable.idempotence=false'],
        /ConfigException: Cannot set a transactional.id without also enabling idempotence\./,
      ],
      [
        ['--set', 'transactional.id=t1', '--set', 'transaction.timeout.ms=900001'],
        /transaction.timeout.ms=900001 > transaction.max.timeout.ms=900000/,
      ],
    ];
    // explore shares the options with check: two of the cases are enough to show it.
    for (const [i, [args, message]] of cases.entries()) {
      for (const command of i < 2 ? ['check', 'explore'] : ['check']) {
        const run = cli(command, ...args, '--out', out);
        expect(run.code, `${command} ${args.join(' ')}`).toBe(2);
        expect(run.stderr, `${command} ${args.join(' ')}`).toMatch(message);
        expect(run.stderr, `${command} ${args.join(' ')}`).not.toMatch(/\n\s+at /);
      }
    }
    expect(existsSync(out)).toBe(false);
  });

  it('cli: transactions: a consumer.properties file and transactional.id are taken as modelled', () => {
    // Expected: the consumer's file makes a consumer group with Kafka's defaults (auto-commit,
    // auto.offset.reset=latest), which loses the input written before its first commit;
    // transactional.id runs without the old "not modelled" warning, its flags in the replay line.
    const dir = scratch();
    const consumer = join(dir, 'consumer.properties');
    writeFileSync(consumer, 'bootstrap.servers=k:9092\ngroup.id=audit\nisolation.level=read_committed\n');
    const read = cli('check', '--config', consumer, '--runs', '5', '--out', join(dir, 'a'));
    expect(read.code, read.stderr).toBe(1);
    expect(read.stdout).toContain('settings: isolation.level=read_committed group.id=audit');
    expect(read.stdout).toContain('group:    1 consumer(s), range assignor');
    expect(read.stdout).toContain('auto.offset.reset=latest starts it at offset');
    expect(read.stdout).toMatch(/no-loss broken: input record \d+ .* never wrote its output/);
    const transactional = cli(
      'check',
      '--set',
      'transactional.id=t1',
      '--transaction-records',
      '2',
      '--runs',
      '5',
      '--out',
      join(dir, 'b'),
    );
    expect([0, 1], transactional.stderr).toContain(transactional.code);
    expect(transactional.stderr).not.toMatch(/not modelled/);
    expect(transactional.stdout).toContain('in transactions of 2 (read_uncommitted reader)');
  });

  it('cli: replay: a malformed, foreign, outdated or diverging trace exits 2 and says why', () => {
    // Expected: JSON errors, other formats, version 0 and an impossible step are each named.
    const dir = scratch();
    const out = scratch();
    cli(
      'check',
      '--preset',
      'acks1-leader-failover',
      '--runs',
      '300',
      '--properties',
      'no-loss',
      '--out',
      out,
    );
    const traceFile = join(out, readdirSync(out).find((f) => f.endsWith('.trace.json'))!);
    const trace = JSON.parse(readFileSync(traceFile, 'utf8'));
    const write = (name: string, body: string): string => {
      const path = join(dir, name);
      writeFileSync(path, body);
      return path;
    };
    const cases: [string, RegExp][] = [
      [write('broken.json', '{"format":'), /is not valid JSON/],
      [write('foreign.json', '{"hello":1}'), /is not a deliverycheck trace/],
      [
        write('old.json', JSON.stringify({ ...trace, version: 0 })),
        /is a version 0 trace; this deliverycheck reads version 1/,
      ],
      [write('field.json', JSON.stringify({ ...trace, seed: 'one' })), /seed: /],
      [
        write(
          'diverged.json',
          JSON.stringify({
            ...trace,
            actions: [{ type: 'ElectLeader', partition: 0, broker: 1 }],
            healFrom: 1,
          }),
        ),
        /the model diverged .* step 1, ElectLeader\(broker=1,partition=0\)/,
      ],
    ];
    for (const [path, message] of cases) {
      const run = cli('replay', path);
      expect(run.code, path).toBe(2);
      expect(run.stderr, path).toMatch(message);
    }
    expect(cli('replay', traceFile).code).toBe(1);
  });

  it('cli: presets --json lists every preset with its Kafka settings and no expected verdict', () => {
    // Expected: the shipped scenarios, each a setup and a question.
    const run = cli('presets', '--json');
    expect(run.code).toBe(0);
    const { presets } = JSON.parse(run.stdout);
    expect(presets.map((p: { name: string }) => p.name)).toContain('durable');
    expect(run.stdout).not.toMatch(/expected|violated|passed/);
  });

  it('cli: bench: an unknown --only part exits 2 naming the parts there are', () => {
    const run = cli('bench', '--only', 'speed');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--only takes random, explore, kafka or reach; got "speed"/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
