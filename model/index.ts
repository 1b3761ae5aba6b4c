/** The reference model of a Kafka cluster: its configuration, state, actions and transitions. */
export * from './action.ts';
export * from './config.ts';
export {
  candidatesOf,
  enabled,
  footprintsOf,
  healEnabled,
  isFault,
  onlyFaultsEnabled,
  step,
  stepModule,
} from './machine.ts';
export * from './state.ts';
export { type AnyStep, allSteps } from './steps/registry.ts';
export type { Actor, FieldKind, StepModule, Told } from './steps/step.ts';
export { batchWords, recordList } from './steps/words.ts';
export * from './transactions/log-view.ts';
export { variantTable } from './variants.ts';
