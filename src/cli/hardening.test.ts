// Each bad input that once crashed, hung or littered (issue: hardening), kept as a case: exit 2,
// one line naming what is wrong, no stack trace, within the child's time limit, nothing left on disk.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scratch } from './testing.ts';

/** Every file under a directory, as paths relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

const megabyteKey = 'x'.repeat(1_000_000);
// A command line holds at most 128 KiB per argument on Linux.
const longWord = 'x'.repeat(100_000);

const cases: { name: string; args: (dir: string) => string[]; message: RegExp }[] = [
  {
    name: 'acks=\\uZZZZ',
    args: (d) => ['check', '--config', join(d, 'zz.properties')],
    message: /zz\.properties is not a \.properties file Java can load: .*\\uZZZZ/,
  },
  {
    name: 'acks=\\u00',
    args: (d) => ['check', '--config', join(d, 'u00.properties')],
    message: /u00\.properties is not a \.properties file Java can load/,
  },
  {
    name: 'binary garbage',
    args: (d) => ['check', '--config', join(d, 'binary.properties')],
    message: /binary\.properties/,
  },
  {
    name: 'a megabyte unknown key in a file',
    args: (d) => ['check', '--config', join(d, 'big.properties')],
    message: /unknown Kafka configuration key "x{60}"… \(1000000 characters\)/,
  },
  {
    name: 'a long unknown key in --set',
    args: () => ['check', '--set', `${longWord}=1`],
    message: /unknown Kafka configuration key "x{60}"… \(100000 characters\) \(--set\)/,
  },
  {
    name: 'a long --faults name',
    args: () => ['check', '--faults', `${longWord}=1`],
    message: /--faults takes NAME=N pairs .*… \(100002 characters\)/,
  },
  {
    name: 'a long --variant name',
    args: () => ['check', '--variant', `${longWord}=1`],
    message: /--variant takes NAME=VALUE .*… \(100002 characters\)/,
  },
  {
    name: '--path 0:0:…:0 ×20',
    args: () => ['check', '--preset', 'durable', '--path', Array(21).fill('0').join(':')],
    message: /--seed 1 --path 0:0:.* names no schedule of this setup/,
  },
  {
    name: '--path 99999999999:1',
    args: () => ['check', '--preset', 'durable', '--path', '99999999999:1'],
    message: /--path starts at run "99999999999", beyond any check's runs/,
  },
  {
    name: '--path 4294967296:0',
    args: () => ['check', '--preset', 'durable', '--path', '4294967296:0'],
    message: /--path starts at run "4294967296"/,
  },
  {
    name: 'check --out naming a file',
    args: (d) => ['check', '--preset', 'acks0-lossy', '--runs', '5', '--out', join(d, 'file.txt')],
    message: /--out .*file\.txt is a file, not a directory/,
  },
  {
    name: 'explore --out naming a file',
    args: (d) => ['explore', '--preset', 'acks0-lossy', '--depth', '2', '--out', join(d, 'file.txt')],
    message: /--out .*file\.txt is a file, not a directory/,
  },
  {
    name: '--checkpoint naming a directory',
    args: (d) => [
      'explore',
      '--preset',
      'durable',
      '--depth',
      '3',
      '--checkpoint',
      join(d, 'dir'),
      '--out',
      join(d, 'out'),
    ],
    message: /--checkpoint .*dir is a directory; name a file in it/,
  },
  {
    name: '--checkpoint empty',
    args: (d) => [
      'explore',
      '--preset',
      'durable',
      '--depth',
      '3',
      '--checkpoint',
      '',
      '--out',
      join(d, 'out'),
    ],
    message: /--checkpoint needs a file name; got an empty one/,
  },
  {
    name: '--out /proc/x',
    args: () => ['check', '--preset', 'acks0-lossy', '--runs', '5', '--out', '/proc/x'],
    message: /--out \/proc\/x: cannot create the directory \/proc\/x/,
  },
  {
    name: '--checkpoint /proc/nope/x.ckpt',
    args: (d) => [
      'explore',
      '--preset',
      'durable',
      '--depth',
      '3',
      '--checkpoint',
      '/proc/nope/x.ckpt',
      '--out',
      join(d, 'out'),
    ],
    message: /--checkpoint \/proc\/nope\/x\.ckpt: cannot create the directory \/proc\/nope/,
  },
  {
    name: '--faults ""',
    args: () => ['check', '--faults', ''],
    message: /--faults takes NAME=N pairs .*which has an empty pair/,
  },
  { name: '--faults ,', args: () => ['check', '--faults', ','], message: /which has an empty pair/ },
  {
    name: '--faults crash=1,crash=2',
    args: () => ['check', '--faults', 'crash=1,crash=2'],
    message: /--faults names crash twice/,
  },
  {
    name: '--properties no-loss,no-loss',
    args: () => ['check', '--properties', 'no-loss,no-loss'],
    message: /--properties names no-loss twice/,
  },
  {
    name: 'merge of a result file without its fields',
    args: (d) => ['merge', join(d, 'fake.explore.json')],
    message: /fake\.explore\.json is refused: it has no "checksum" field/,
  },
];

describe('hardening', () => {
  it('hardening: every input that once crashed, hung or left a file exits 2 with one line naming it', () => {
    // Expected: exit 2, a single `error:` line matching the case, no stack trace, nothing new on disk.
    for (const c of cases) {
      const dir = scratch();
      writeFileSync(join(dir, 'zz.properties'), 'acks=\\uZZZZ\n');
      writeFileSync(join(dir, 'u00.properties'), 'acks=\\u00\n');
      writeFileSync(join(dir, 'binary.properties'), Buffer.from([0, 159, 146, 150, 10, 255, 61, 1, 13]));
      writeFileSync(join(dir, 'big.properties'), `${megabyteKey}=1\n`);
      writeFileSync(join(dir, 'file.txt'), 'hi\n');
      writeFileSync(join(dir, 'fake.explore.json'), '{"format": "deliverycheck-explore", "version": 4}\n');
      mkdirSync(join(dir, 'dir'));
      const before = filesUnder(dir);
      const run = cli(c.args(dir), {}, { timeoutMs: 30_000, cwd: dir });
      const errors = run.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: '));
      expect([c.name, run.signal, run.code]).toEqual([c.name, null, 2]);
      expect(errors, c.name).toHaveLength(1);
      expect(errors[0], c.name).toMatch(/^error: /);
      expect(errors[0], c.name).toMatch(c.message);
      expect(run.stderr, c.name).not.toMatch(/^\s+at /m);
      expect(filesUnder(dir), c.name).toEqual(before);
    }
  });

  it('hardening: --max-states 1 stops at the initial state, as asked', () => {
    // Expected: one state, no edges, and the bound named with the budget that was given.
    const run = cli(['explore', '--preset', 'durable', '--max-states', '1', '--json', '--out', scratch()]);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'bounded', states: 1, edges: 0 });
    expect(run.stderr).toContain('stopped at --max-states 1 states');
  });
});
