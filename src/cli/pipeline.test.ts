// The consumer group flags (--consumers, --input-partitions, --commit, --sink) through the real
// binary: refusals, the group line, and a pipeline counterexample replayed from file and seed+path.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as run, scratch } from './testing.ts';

const cli = (...args: string[]) => run(args);

describe('cli: consumer groups', () => {
  it('cli: consumer groups: bad group flags exit 2 naming what is wrong and what is allowed', () => {
    // Expected: each refusal below, before anything is written.
    const out = join(scratch(), 'never');
    const group = ['--set', 'group.id=app'];
    const cases: [string[], RegExp][] = [
      [['--consumers', '0', ...group], /--consumers must be a whole number from 1 to 4; got "0"/],
      [
        ['--commit', 'never', ...group],
        /--commit must be one of before, after, auto, on-revoke, transactional, external; got "never"/,
      ],
      [
        ['--sink', 'kafka', ...group],
        /--sink must be one of topic, external-store, side-effect; got "kafka"/,
      ],
      [
        ['--partitions', '2', '--input-partitions', '3'],
        /--partitions 2 and --input-partitions 3 name the same topic/,
      ],
      [['--consumers', '2'], /describe a consumer group: set group.id/],
      [
        ['--commit', 'external', '--sink', 'side-effect', ...group],
        /--commit external .* needs --sink external-store/,
      ],
      [
        ['--faults', 'consumer-crash=1,rebalance=1'],
        /--faults consumer-crash, rebalance needs a consumer group: set group.id/,
      ],
      [['--sink', 'topic', ...group], /--sink topic is modelled with --commit transactional only/],
      [
        ['--commit', 'transactional', '--sink', 'topic', ...group],
        /--commit transactional needs a transactional producer: set transactional.id/,
      ],
      [
        ['--commit', 'transactional', ...group, '--set', 'transactional.id=t'],
        /an external store is not part of/,
      ],
      [
        ['--send-offsets', 'group-id', ...group],
        /--send-offsets names what sendOffsetsToTransaction is given: it needs --commit transactional/,
      ],
      [
        ['--send-offsets', 'group', ...group],
        /--send-offsets must be one of group-metadata, group-id; got "group"/,
      ],
      [
        ['--variant', 'require-stable=maybe'],
        /--variant require-stable must be one of true, false; got "maybe"/,
      ],
    ];
    const symmetric = cli('explore', '--preset', 'zombie-consumer', '--symmetry', '--out', out);
    expect(symmetric.code).toBe(2);
    expect(symmetric.stderr).toMatch(/--symmetry renames producers, and a consumer group tells/);
    for (const [args, message] of cases) {
      const result = cli('check', ...args, '--out', out);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('cli: consumer groups: flags make the group; its counterexample replays from file and seed+path', () => {
    // Expected: commit before processing with a consumer crash loses a record; the report names the
    // group, the story tells the commit, and both replays give back the same schedule.
    const out = scratch();
    const flags = [
      '--set',
      'group.id=app',
      '--set',
      'enable.auto.commit=false',
      '--set',
      'auto.offset.reset=earliest',
      '--set',
      'acks=all',
      '--set',
      'replication.factor=1',
      '--input-partitions',
      '1',
      '--consumers',
      '1',
      '--commit',
      'before',
      '--records',
      '2',
      '--faults',
      'crash=0,network=0,isr=0,consumer-crash=1',
      // A small budget: the first schedules lose the record; the other properties' verdicts are not the point.
      '--runs',
      '500',
    ];
    const human = cli('check', ...flags, '--out', out);
    expect(human.code, human.stderr).toBe(1);
    expect(human.stdout).toContain('group:    1 consumer(s), range assignor');
    expect(human.stdout).toContain('commits before processing and writes to external-store');
    expect(human.stdout).toMatch(/OffsetCommit, generation 1/);
    expect(human.stdout).toMatch(/instance 0 +crashes/);

    const json = cli('check', ...flags, '--json', '--out', out);
    const noLoss = JSON.parse(json.stdout).counterexamples.find(
      (c: { property: string }) => c.property === 'no-loss',
    );
    expect(noLoss).toBeDefined();
    const replayed = cli('replay', noLoss.traceFile, '--json');
    expect(replayed.code).toBe(1);
    expect(JSON.parse(replayed.stdout)).toMatchObject({
      outcome: 'reproduced',
      property: 'no-loss',
      length: noLoss.length,
    });
    const again = cli(
      'check',
      ...flags,
      `--seed=${noLoss.seed}`,
      `--path=${noLoss.path}`,
      `--prefix-states=${noLoss.prefixStates}`,
      '--json',
      '--out',
      join(out, 'again'),
    );
    const regenerated = JSON.parse(again.stdout).counterexamples.find(
      (c: { property: string }) => c.property === 'no-loss',
    );
    expect(JSON.parse(readFileSync(regenerated.traceFile, 'utf8')).actions).toEqual(
      JSON.parse(readFileSync(noLoss.traceFile, 'utf8')).actions,
    );
  });

  it('cli: consumer groups: an exactly-once counterexample replays from its trace file', () => {
    // Expected: external-side-effect's duplicate e-mail, with the instance's transactional producer in
    // the trace, reproduces step for step.
    const out = scratch();
    const run = cli('check', '--preset', 'external-side-effect', '--runs', '200', '--json', '--out', out);
    expect(run.code, run.stderr).toBe(1);
    const duplicate = JSON.parse(run.stdout).counterexamples.find(
      (c: { property: string }) => c.property === 'no-duplicate',
    );
    const replayed = cli('replay', duplicate.traceFile, '--json');
    expect(replayed.code).toBe(1);
    expect(JSON.parse(replayed.stdout)).toMatchObject({
      outcome: 'reproduced',
      property: 'no-duplicate',
      length: duplicate.length,
    });
    const actions = JSON.parse(readFileSync(duplicate.traceFile, 'utf8')).actions.map(
      (a: { type: string }) => a.type,
    );
    expect(actions).toContain('SendInitProducerId');
    expect(actions).toContain('CrashConsumer');
  });
});
