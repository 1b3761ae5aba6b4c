/**
 * Values the model computes once per configuration object and keeps: the compiled steps, their
 * footprints, the state layout and the state encoder. A configuration is never changed, so what
 * was computed for it holds for as long as it lives.
 */
import type { ModelConfig } from './config.ts';

/** Every cache perConfig made, so that forgetPerConfig can empty them all. */
const caches: { values: WeakMap<ModelConfig, unknown> }[] = [];

/** `compute`, remembered per configuration object: computed on its first call for a configuration. */
export function perConfig<A extends unknown[], T extends object>(
  compute: (config: ModelConfig, ...rest: A) => T,
): (config: ModelConfig, ...rest: A) => T {
  const cache = { values: new WeakMap<ModelConfig, unknown>() };
  caches.push(cache);
  return (config, ...rest) => {
    // A value is an object, never undefined: a value found is a value remembered.
    const known = cache.values.get(config) as T | undefined;
    if (known !== undefined) return known;
    const value = compute(config, ...rest);
    cache.values.set(config, value);
    return value;
  };
}

// Stryker disable all: test support, called by the mutation runner between mutants and by no search.
/**
 * Test support: forget every remembered value, so that the next call computes it afresh. The
 * mutation runner (src/mutation/runner.ts) calls it before each mutant, so that no mutant meets
 * what another one computed.
 */
export function forgetPerConfig(): void {
  for (const cache of caches) cache.values = new WeakMap();
}
// Stryker restore all
