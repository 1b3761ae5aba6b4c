/**
 * Every step the model can take, named after the Kafka request or event it models, as the
 * registry's step modules declare them. Actors are small integers: `producer` indexes the
 * workload's producers, `broker` the brokers, `partition` the topic's partitions.
 */
import type { ModelConfig } from './config.ts';
import { type Action, allSteps } from './steps/registry.ts';

export type { Action };
export type ActionType = Action['type'];

/**
 * The action types a configuration has actions of, in the fixed order `enabled` lists them: a
 * step with no candidate there (a transaction's step without a transactional.id) is left out.
 */
export function actionTypesFor(config: ModelConfig): readonly ActionType[] {
  return stepsWithActions(config).map((m) => m.type);
}

/** Of those, the types that inject faults (ResetConnection only while its broker is up). */
export function faultTypesFor(config: ModelConfig): readonly ActionType[] {
  return stepsWithActions(config)
    .filter((m) => m.fault !== undefined)
    .map((m) => m.type);
}

function stepsWithActions(config: ModelConfig) {
  return allSteps.filter((m) => m.candidates(config).length > 0);
}

/** A stable, readable key for an action: equal actions give equal keys. */
export function actionKey(action: Action): string {
  const fields = Object.keys(action)
    .filter((k) => k !== 'type')
    .sort()
    .map((k) => `${k}=${String((action as unknown as Record<string, unknown>)[k])}`);
  return `${action.type}(${fields.join(',')})`;
}
