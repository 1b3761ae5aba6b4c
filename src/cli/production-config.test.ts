// A production cluster's configuration files, handed over as they are: every key Kafka 3.9
// documents is accepted and checked as Kafka checks it, the ones the model does not use are
// listed once, and a key Kafka does not know is refused unless --allow-unknown.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scratch } from './testing.ts';

const fixtures = join(import.meta.dirname, '../config/fixtures');

describe('production configuration files', () => {
  it.each([
    [
      'producer',
      [
        'bootstrap.servers',
        'sasl.jaas.config',
        'ssl.truststore.location',
        'compression.type',
        'client.dns.lookup',
      ],
    ],
    ['consumer', ['client.rack', 'sasl.mechanism', 'partition.assignment.strategy', 'fetch.min.bytes']],
    ['topic', ['cleanup.policy', 'min.cleanable.dirty.ratio', 'leader.replication.throttled.replicas']],
    [
      'server',
      [
        'broker.rack',
        'ssl.client.auth',
        'log.cleaner.enable',
        'auto.leader.rebalance.enable',
        'quota.window.num',
        'message.max.bytes',
        'super.users',
      ],
    ],
  ])('%s.properties is accepted, with its unmodelled keys listed as ignored', (kind, expected) => {
    const file = join(fixtures, `${kind}.properties`);
    const run = cli(['check', '--config', file, '--runs', '20', '--json', '--out', scratch()]);
    expect(run.code, run.stderr).toBeLessThan(2);
    const ignored = (JSON.parse(run.stdout).ignored as string[]).map((i) => i.split(' ')[0]);
    for (const key of expected) expect(ignored).toContain(key);
    // Told once on stderr, grouped under the file.
    expect(run.stderr).toMatch(/^ignored: \d+ keys the model does not use$/m);
    expect(run.stderr.split('\n').filter((l) => l.includes(`${kind}.properties:`))).toHaveLength(1);
  });

  it('a value Kafka would refuse for an unmodelled key is refused; a key Kafka does not know needs --allow-unknown', () => {
    const dir = scratch();
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const threads = cli(['check', '--config', write('a.properties', 'log.cleaner.threads=two\n')]);
    expect(threads.code).toBe(2);
    expect(threads.stderr).toContain(
      'log.cleaner.threads must be a whole number from 0 to 2147483647; got "two"',
    );
    const auth = cli(['check', '--config', write('b.properties', 'ssl.client.auth=sometimes\n')]);
    expect(auth.code).toBe(2);
    expect(auth.stderr).toContain(
      'ssl.client.auth must be one of required, requested, none; got "sometimes"',
    );
    const ratio = cli(['check', '--set', 'min.cleanable.dirty.ratio=1.5']);
    expect(ratio.code).toBe(2);
    expect(ratio.stderr).toContain('min.cleanable.dirty.ratio must be a number from 0 to 1; got "1.5"');
    const policy = cli(['check', '--set', 'cleanup.policy=compact,shred']);
    expect(policy.code).toBe(2);
    expect(policy.stderr).toContain(
      'cleanup.policy must be a comma-separated list, each one of compact, delete',
    );
    const unknown = write('c.properties', 'message.max.byte=1048588\n');
    const refused = cli(['check', '--config', unknown]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('unknown Kafka configuration key "message.max.byte"');
    expect(refused.stderr).toContain('did you mean "message.max.bytes"?');
    const allowed = cli([
      'check',
      '--config',
      unknown,
      '--allow-unknown',
      '--runs',
      '10',
      '--json',
      '--out',
      scratch(),
    ]);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('warning: unknown Kafka configuration key "message.max.byte"');
    expect(JSON.parse(allowed.stdout).ignored).toEqual([
      `message.max.byte (${unknown} line 1, unknown to Kafka)`,
    ]);
  });
});
