/** The reference model of a Kafka cluster: its configuration, state, actions and transitions. */
export * from './action.ts';
export * from './config.ts';
export { enabled, healEnabled, isFault } from './enabled.ts';
export * from './state.ts';
export { step } from './step.ts';
