import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { defaultConfig, faultKinds } from '../../model/index.ts';
import { ConfigError } from './error.ts';
import { faultOptions, formatFaults, parseFaults, parseVariant, variantOptions } from './faults.ts';

function refusal(parse: () => unknown): ConfigError {
  try {
    parse();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('config: --faults: kebab-case names map onto the fault budget, any subset, spaces allowed', () => {
    // Expected: every FaultBudget key is reachable by its kebab-case name.
    expect(
      parseFaults(
        'crash=1, power-loss=2,network=3,delivery-timeout=4,isr=5,producer-restart=6,' +
          'abort=7, producer-stall=8,coordinator-move=9',
      ),
    ).toEqual({
      crash: 1,
      powerLoss: 2,
      network: 3,
      deliveryTimeout: 4,
      isr: 5,
      producerRestart: 6,
      abort: 7,
      producerStall: 8,
      coordinatorMove: 9,
    });
    expect(parseFaults('isr = 0')).toEqual({ isr: 0 });
    expect(faultOptions.map((o) => o.kind)).toEqual(faultKinds);
  });

  it('config: --faults: unknown names and bad numbers are refused, naming what is allowed', () => {
    // Expected: InvalidScenario naming the part, the allowed names (with a guess), or the range 0..9.
    const unknown = refusal(() => parseFaults('crashes=1'));
    expect(unknown.code).toBe('InvalidScenario');
    expect(unknown.message).toBe(
      '--faults takes NAME=N pairs separated by commas, with NAME one of crash, power-loss, network, delivery-timeout, isr, ' +
        'producer-restart, abort, producer-stall, coordinator-move, consumer-crash, consumer-pause, rebalance, ' +
        'group-coordinator-move; got "crashes=1" (did you mean "crash"?)',
    );
    expect(refusal(() => parseFaults('powerLoss=1')).message).toContain('did you mean "power-loss"?');
    expect(refusal(() => parseFaults('crash=10')).message).toBe(
      '--faults crash= must be a whole number from 0 to 9; got "10"',
    );
    expect(refusal(() => parseFaults('crash=-1')).message).toContain('from 0 to 9');
    expect(refusal(() => parseFaults('crash=x')).message).toContain('from 0 to 9');
    expect(refusal(() => parseFaults('crash')).message).toContain('--faults takes NAME=N pairs');
    expect(refusal(() => parseFaults('constructor=1')).code).toBe('InvalidScenario');
  });

  it('config: --faults: an empty list, an empty pair or a fault named twice is refused, not read as no faults', () => {
    // Expected: each names what is wrong; none of them silently means "no budget".
    for (const text of ['', ',', ' , ', 'crash=1,,isr=1', 'crash=1,']) {
      expect(refusal(() => parseFaults(text)).message).toContain('which has an empty pair');
    }
    expect(refusal(() => parseFaults('crash=1,crash=2')).message).toBe(
      '--faults names crash twice; give each fault one budget',
    );
    expect(refusal(() => parseFaults('isr=0, isr=0')).message).toContain('names isr twice');
  });

  it('config: --faults: the transaction budgets abort, producer-stall and coordinator-move, checked like the others', () => {
    // Expected: kebab names map onto the camelCase budgets; camelCase and bad counts are refused with the range.
    expect(parseFaults('abort=1,producer-stall=2,coordinator-move=0')).toEqual({
      abort: 1,
      producerStall: 2,
      coordinatorMove: 0,
    });
    expect(refusal(() => parseFaults('producerStall=1')).message).toContain('did you mean "producer-stall"?');
    expect(refusal(() => parseFaults('coordinator-moves=1')).message).toContain(
      'did you mean "coordinator-move"?',
    );
    expect(refusal(() => parseFaults('abort=10')).message).toBe(
      '--faults abort= must be a whole number from 0 to 9; got "10"',
    );
    expect(refusal(() => parseFaults('coordinator-move=-1')).message).toBe(
      '--faults coordinator-move= must be a whole number from 0 to 9; got "-1"',
    );
    expect(formatFaults({ abort: 1, producerStall: 2, coordinatorMove: 3 })).toBe(
      'abort=1,producer-stall=2,coordinator-move=3',
    );
  });

  it('config: --variant: every protocol variant by its kebab-case name, values checked', () => {
    // Expected: the table covers every ProtocolVariants key; unknown names and values list the allowed ones.
    expect(variantOptions.map((o) => o.key).sort()).toEqual(Object.keys(defaultConfig.variants).sort());
    for (const option of variantOptions) {
      expect(option.values).toContain(defaultConfig.variants[option.key]);
      for (const value of option.values) {
        expect(parseVariant(`${option.name}=${value}`)).toEqual({ [option.key]: value });
      }
    }
    expect(parseVariant('first-sequence=zero-on-empty-log')).toEqual({ firstSequence: 'zero-on-empty-log' });
    expect(refusal(() => parseVariant('truncation=sometimes')).message).toBe(
      '--variant truncation must be one of leader-epoch, high-watermark; got "sometimes"',
    );
    expect(refusal(() => parseVariant('truncation=highwatermark')).message).toContain(
      'did you mean "high-watermark"?',
    );
    expect(refusal(() => parseVariant('truncate=leader-epoch')).message).toContain(
      'NAME one of truncation, first-sequence, transaction-version, lso',
    );
    expect(refusal(() => parseVariant('truncation')).message).toContain('must be one of');
  });

  it('config: --variant: transaction-version=1|2 and lso=exclusive|inclusive; other values list the allowed ones', () => {
    // Expected: each value maps onto its ProtocolVariants key; a wrong one names the variant and its values.
    expect(parseVariant('transaction-version=2')).toEqual({ transactionVersion: '2' });
    expect(parseVariant('transaction-version = 1')).toEqual({ transactionVersion: '1' });
    expect(parseVariant('lso=inclusive')).toEqual({ lso: 'inclusive' });
    expect(parseVariant('lso=exclusive')).toEqual({ lso: 'exclusive' });
    const version = refusal(() => parseVariant('transaction-version=3'));
    expect(version.code).toBe('InvalidScenario');
    expect(version.message).toMatch(/^--variant transaction-version must be one of 1, 2; got "3"/);
    expect(refusal(() => parseVariant('lso=Inclusive')).message).toBe(
      '--variant lso must be one of exclusive, inclusive; got "Inclusive" (did you mean "inclusive"?)',
    );
    expect(refusal(() => parseVariant('transactionVersion=2')).message).toContain(
      'did you mean "transaction-version"?',
    );
  });

  test.prop([fc.record(Object.fromEntries(faultKinds.map((k) => [k, fc.integer({ min: 0, max: 9 })])))])(
    'config: --faults round trip: formatFaults then parseFaults gives back every budget that is not zero',
    (budget) => {
      // Expected: what check prints as the fault budgets can be pasted back as --faults.
      const text = formatFaults(budget);
      const parsed = text === 'none' ? {} : parseFaults(text);
      expect(parsed).toEqual(Object.fromEntries(Object.entries(budget).filter(([, n]) => n > 0)));
    },
  );
});
