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
      parseFaults('crash=1, power-loss=2,network=3,delivery-timeout=4,isr=5,producer-restart=6'),
    ).toEqual({
      crash: 1,
      powerLoss: 2,
      network: 3,
      deliveryTimeout: 4,
      isr: 5,
      producerRestart: 6,
    });
    expect(parseFaults('isr = 0')).toEqual({ isr: 0 });
    expect(parseFaults('')).toEqual({});
    expect(faultOptions.map((o) => o.kind)).toEqual(faultKinds);
  });

  it('config: --faults: unknown names and bad numbers are refused, naming what is allowed', () => {
    // Expected: InvalidScenario naming the part, the allowed names (with a guess), or the range 0..9.
    const unknown = refusal(() => parseFaults('crashes=1'));
    expect(unknown.code).toBe('InvalidScenario');
    expect(unknown.message).toBe(
      '--faults takes NAME=N pairs with NAME one of crash, power-loss, network, delivery-timeout, isr, ' +
        'producer-restart; got "crashes=1" (did you mean "crash"?)',
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
      'NAME one of truncation, first-sequence',
    );
    expect(refusal(() => parseVariant('truncation')).message).toContain('must be one of');
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
