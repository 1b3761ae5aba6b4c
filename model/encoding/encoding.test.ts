// The byte encoding on states the model reaches: decoding gives the state back (as JSON too, keys
// in the same order), a long-lived encoder whose slots remember earlier states writes the same
// bytes as a fresh one, and different states never share bytes.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type ModelConfig } from '../config.ts';
import { enabled, step } from '../machine.ts';
import { initialState, type State } from '../state.ts';
import { configWith, noFaults } from '../testing.ts';
import { decodeState } from './decode.ts';
import { encodeState, StateEncoder } from './encode.ts';

const faults = { ...noFaults, crash: 1, network: 2, isr: 1 };

const configs: Readonly<Record<string, ModelConfig>> = {
  default: defaultConfig,
  durable: configWith({ minInsyncReplicas: 2, faults: { ...faults, crash: 3 } }),
  'acks=1, no idempotence': configWith({ acks: '1', enableIdempotence: false, faults }),
  'acks=0': configWith({
    acks: '0',
    enableIdempotence: false,
    faults: { ...noFaults, crash: 1, network: 1 },
  }),
  'power loss, flush every record': configWith({ flushMessages: 1, faults: { ...noFaults, powerLoss: 2 } }),
  'delivery timeouts, resend, batch.size 1': configWith({
    batchSize: 1,
    records: 4,
    onFailure: 'resend',
    faults: { ...noFaults, network: 2, deliveryTimeout: 2, producerRestart: 1 },
  }),
  'retries 2, unclean election': configWith({ retries: 2, uncleanLeaderElectionEnable: true, faults }),
  '2 producers, 2 partitions': configWith({ producers: 2, partitions: 2, faults }),
  '2 producers, 2 partitions, 4 brokers, rf 2': configWith({
    brokers: 4,
    replicationFactor: 2,
    producers: 2,
    partitions: 2,
    faults: { ...faults, producerRestart: 1, deliveryTimeout: 1 },
  }),
};

/** The states a walk passes through, each step choosing among the enabled actions by `choices`. */
function walk(config: ModelConfig, choices: readonly number[]): State[] {
  let state = initialState(config);
  const states = [state];
  for (const choice of choices) {
    const actions = enabled(config, state);
    if (actions.length === 0) break;
    state = step(config, state, actions[choice % actions.length]!);
    states.push(state);
  }
  return states;
}

const choices = fc.array(fc.nat(), { minLength: 1, maxLength: 60 });

describe('byte encoding of reachable states', () => {
  for (const [name, config] of Object.entries(configs)) {
    test.prop([choices], { numRuns: 60 })(`${name}: decode(encode(s)) is s`, (path) => {
      for (const state of walk(config, path)) {
        const bytes = encodeState(config, state).slice();
        const decoded = decodeState(config, bytes);
        expect(decoded).toEqual(state);
        expect(JSON.stringify(decoded)).toBe(JSON.stringify(state));
      }
    });

    test.prop([choices], { numRuns: 60 })(
      `${name}: slots remembered from earlier states never change the bytes`,
      (path) => {
        // One encoder along the walk and its decoded copies: slots hit, miss and get primed.
        const longLived = new StateEncoder(config);
        for (const state of walk(config, path)) {
          const fresh = new StateEncoder(config).encode(state).slice();
          expect(longLived.encode(state)).toEqual(fresh);
          const decoded = decodeState(config, fresh, longLived.slots);
          expect(longLived.encode(decoded)).toEqual(fresh);
          expect(longLived.encode(state)).toEqual(fresh);
        }
      },
    );

    test.prop([choices, choices], { numRuns: 40 })(
      `${name}: states with different JSON have different bytes`,
      (a, b) => {
        const byJson = new Map<string, string>();
        for (const state of [...walk(config, a), ...walk(config, b)]) {
          const bytes = Buffer.from(encodeState(config, state)).toString('hex');
          const json = JSON.stringify(state);
          expect(byJson.get(json) ?? bytes).toBe(bytes);
          byJson.set(json, bytes);
        }
        expect(new Set(byJson.values()).size).toBe(byJson.size);
      },
    );
  }

  it('takes few bytes: the initial state of the default config in under 64', () => {
    expect(encodeState(defaultConfig, initialState(defaultConfig)).length).toBeLessThan(64);
  });

  it('refuses bytes that are not a whole state', () => {
    const config = configs['2 producers, 2 partitions']!;
    const bytes = encodeState(config, walk(config, [0, 1, 2, 3, 4, 5])!.at(-1)!).slice();
    expect(() => decodeState(config, bytes.subarray(0, bytes.length - 1))).toThrow(RangeError);
    expect(() => decodeState(config, Uint8Array.from([...bytes, 0]))).toThrow(RangeError);
  });

  it('refuses a state whose shape the config does not give', () => {
    const state = initialState(defaultConfig);
    expect(() => encodeState(defaultConfig, { ...state, brokers: state.brokers.slice(1) })).toThrow(
      RangeError,
    );
  });
});
