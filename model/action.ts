/**
 * Every step the model can take, named after the Kafka request or event it models, as the
 * registry's step modules declare them. Actors are small integers: `producer` indexes the
 * workload's producers, `broker` the brokers, `partition` the topic's partitions.
 */
import { type Action, allSteps } from './steps/registry.ts';

export type { Action };
export type ActionType = Action['type'];

/** Every action type, in the fixed order `enabled` lists them. */
export const actionTypes: readonly ActionType[] = allSteps.map((m) => m.type);

/** The action types that inject faults (ResetConnection only while its broker is up). */
export const faultTypes: readonly ActionType[] = allSteps
  .filter((m) => m.fault !== undefined)
  .map((m) => m.type);

/** A stable, readable key for an action: equal actions give equal keys. */
export function actionKey(action: Action): string {
  const fields = Object.keys(action)
    .filter((k) => k !== 'type')
    .sort()
    .map((k) => `${k}=${String((action as unknown as Record<string, unknown>)[k])}`);
  return `${action.type}(${fields.join(',')})`;
}
