/**
 * deliverycheck as a library: describe a Kafka setup in Kafka's keys (or load its .properties
 * files), run the random `check` or the exhaustive `explore`, and read the verdict per property
 * and each counterexample's steps, story and trace file. `expectNoViolation` does the same in a
 * test and fails it with the story. The CLI runs the same functions.
 */
export type { PropertyName } from '../../properties/index.ts';
export { propertyNames } from '../../properties/index.ts';
export { ConfigError } from '../config/error.ts';
export type { CounterexampleStep, CounterexampleView } from '../report/counterexample.ts';
export { type CheckOptions, type CheckReport, check } from './check.ts';
export { expectNoViolation, ViolationError } from './expect.ts';
export { type ExploreOptions, type ExploreReport, explore } from './explore.ts';
export { presetNames } from './presets.ts';
export { resolveSetup, type Setup } from './setup.ts';
