// The scenario flags check and explore share: the transaction flags parse into the scenario and
// come back as the flags that reproduce it.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/resolve.ts';
import { UsageError } from './output.ts';
import { addScenarioOptions, type ScenarioOptions, scenarioFlags, scenarioOf } from './scenario-options.ts';

function parsed(args: readonly string[]): ScenarioOptions {
  const command = addScenarioOptions(new Command('check').exitOverride());
  command.parse([...args], { from: 'user' });
  return command.opts<ScenarioOptions>();
}

function usageError(args: readonly string[]): string {
  try {
    scenarioOf(parsed(args), null);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('cli', () => {
  it('cli: scenario flags: --transaction-records, the transaction budgets and variants reach the scenario', () => {
    // Expected: each flag lands in its scenario field; the replay flags give the same scenario back.
    const options = parsed([
      '--transaction-records',
      '3',
      '--faults',
      'abort=1,producer-stall=2,coordinator-move=1',
      '--variant',
      'transaction-version=2',
      '--variant',
      'lso=inclusive',
    ]);
    const scenario = scenarioOf(options, null);
    expect(scenario).toEqual({
      transactionRecords: 3,
      faults: { abort: 1, producerStall: 2, coordinatorMove: 1 },
      variants: { transactionVersion: '2', lso: 'inclusive' },
    });
    const flags = scenarioFlags(options);
    expect(flags).toEqual(expect.arrayContaining(['--transaction-records', '3']));
    expect(scenarioOf(parsed(flags), null)).toEqual(scenario);
    expect(scenarioOf(parsed([]), null)).not.toHaveProperty('transactionRecords');
  });

  it('cli: scenario flags: bad transaction values name the flag and what is allowed', () => {
    // Expected: the flag, its range or values, and what was typed.
    expect(usageError(['--transaction-records', '0'])).toBe(
      '--transaction-records must be a whole number from 1 to 20; got "0"',
    );
    expect(usageError(['--transaction-records', 'two'])).toBe(
      '--transaction-records must be a whole number from 1 to 20; got "two"',
    );
    expect(usageError(['--faults', 'abort=x'])).toBe(
      '--faults abort= must be a whole number from 0 to 9; got "x"',
    );
    expect(usageError(['--variant', 'lso=maybe'])).toBe(
      '--variant lso must be one of exclusive, inclusive; got "maybe"',
    );
    expect(usageError(['--variant', 'transaction-version=3'])).toMatch(
      /^--variant transaction-version must be one of 1, 2; got "3"/,
    );
  });

  it('cli: scenario flags: the help lists every fault budget and variant', () => {
    // Expected: --faults and --variant show the transaction names, derived from the model's tables.
    const help = addScenarioOptions(new Command('check')).helpInformation().replace(/\s+/g, ' ');
    expect(help).toContain('abort=0,producer-stall=0,coordinator-move=0');
    expect(help).toContain('transaction-version=1|2');
    expect(help).toContain('lso=exclusive|inclusive');
    expect(help).toContain('--transaction-records <k>');
  });
});
