// The library as a test suite uses it: a setup in Kafka's keys, check and explore, the one shape
// of a counterexample, expectNoViolation's failure, and bad setups refused with the CLI's messages.

import { describe, expect, it } from 'vitest';
import { cli, scratch } from '../cli/testing.ts';
import { ConfigError, check, expectNoViolation, explore, presetNames, ViolationError } from './index.ts';

const acks1 = { settings: { acks: 1, 'replication.factor': 3 }, faults: { crash: 1 } } as const;

describe('library', () => {
  it('check: the verdict per property, and each counterexample as steps, story and replay commands that reproduce it', () => {
    const out = scratch();
    const report = check(acks1, { runs: 2000, properties: ['no-loss'], outDir: out });
    expect(report.verdict).toBe('violated');
    expect(report.properties).toEqual({ 'no-loss': 'violated' });
    const [lost] = report.counterexamples;
    expect(lost!.property).toBe('no-loss');
    expect(lost!.length).toBe(lost!.steps.length);
    expect(lost!.steps[0]).toMatchObject({
      number: 1,
      phase: 'schedule',
      actor: 'application 0',
      request: 'Send',
    });
    expect(lost!.steps.map((s) => s.request)).toContain('CrashBroker');
    expect(lost!.story[0]).toBe(`Counterexample: no-loss, ${lost!.length} steps (${report.protocol})`);
    expect(lost!.story).toContain(`no-loss broken: ${lost!.sentence}`);
    // Both replay commands give the violation back through the CLI.
    expect(lost!.replay).toHaveLength(2);
    expect(lost!.replay[1]).toContain('--set acks=1 --set replication.factor=3 --faults crash=1');
    const fromFile = cli(['replay', lost!.traceFile!]);
    expect(fromFile.code).toBe(1);
    const args = lost!.replay[1]!.replace('npx deliverycheck ', '').split(' ');
    const again = cli([...args, '--properties', 'no-loss', '--json', '--out', scratch()]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).counterexamples[0].steps).toEqual(lost!.steps);
  });

  it('expectNoViolation returns the report when nothing breaks and throws the story when something does', () => {
    const held = expectNoViolation({ preset: 'durable' }, { runs: 100 });
    expect(held.verdict).toBe('passed');
    expect(held.coverage.states).toBeGreaterThan(0);
    let thrown: unknown = null;
    try {
      expectNoViolation(acks1, { runs: 2000, properties: ['no-loss'] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ViolationError);
    const error = thrown as ViolationError;
    expect(error.message).toContain('deliverycheck found no-loss');
    expect(error.message).toContain('Counterexample: no-loss');
    expect(error.message).toContain('Replay it with:');
    expect(error.report.verdict).toBe('violated');
  });

  it('explore: the shortest counterexample in the same shape', async () => {
    const report = await explore({ preset: 'acks1-leader-failover' }, { depth: 6, properties: ['no-loss'] });
    expect(report.verdict).toBe('violated');
    expect(report.counterexample).toMatchObject({
      property: 'no-loss',
      length: 6,
      shortest: true,
      explorer: 'exhaustive',
    });
    expect(report.counterexample!.steps).toHaveLength(6);
  });

  it('a bad setup throws a ConfigError that names what is wrong and what is allowed', () => {
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    expect(refused(() => check({ preset: 'durabel' }))).toContain('(did you mean "durable"?)');
    expect(refused(() => check({ settings: { ackz: 'all' } }))).toContain('ackz');
    expect(refused(() => check({ settings: { acks: 'some' } }))).toContain('acks');
    expect(refused(() => check({ faults: { crash: 12 } }))).toContain(
      '--faults crash= must be a whole number from 0 to 9',
    );
    expect(refused(() => check({ variants: { truncation: 'never' } }))).toContain('leader-epoch');
    expect(refused(() => check({ brokers: 0 }))).toContain('--brokers must be a whole number from 1 to 9');
    expect(refused(() => check({ preset: 'durable' }, { runs: 0 }))).toBe(
      'runs must be a whole number from 1 to 100000000; got 0',
    );
    expect(refused(() => check({ files: ['no-such.properties'] }))).toBe(
      'cannot read config file no-such.properties: no such file',
    );
    expect(refused(() => check({ preset: 'durable' }, { properties: ['no-los' as 'no-loss'] }))).toContain(
      'properties takes names from no-loss',
    );
    expect(presetNames).toContain('canonical-replication');
  });
});
