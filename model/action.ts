/**
 * Every step the model can take, named after the Kafka request or event it models. Actors are
 * small integers: `producer` indexes the workload's producers, `broker` the brokers, `partition`
 * the topic's partitions.
 */
export type Action =
  // The application and its producer client.
  | { readonly type: 'Send'; readonly producer: number }
  | { readonly type: 'InitProducerId'; readonly producer: number }
  | { readonly type: 'SendProduce'; readonly producer: number; readonly partition: number }
  | { readonly type: 'HandleProduceResponse'; readonly producer: number; readonly broker: number }
  | { readonly type: 'BumpProducerEpoch'; readonly producer: number }
  // Brokers.
  | {
      readonly type: 'HandleProduce';
      readonly producer: number;
      readonly broker: number;
      /** `orphan`: a request of a connection the producer already closed. */
      readonly from: 'connection' | 'orphan';
    }
  | { readonly type: 'Fetch'; readonly partition: number; readonly broker: number }
  | { readonly type: 'OffsetsForLeaderEpoch'; readonly partition: number; readonly broker: number }
  | { readonly type: 'TruncateToHighWatermark'; readonly partition: number; readonly broker: number }
  // The controller.
  | { readonly type: 'ElectLeader'; readonly partition: number; readonly broker: number }
  | { readonly type: 'RestartBroker'; readonly broker: number }
  | { readonly type: 'RestartProducer'; readonly producer: number }
  // Faults, each bounded by the scenario's budget.
  | { readonly type: 'CrashBroker'; readonly broker: number; readonly powerLoss: boolean }
  | { readonly type: 'ShrinkIsr'; readonly partition: number; readonly broker: number }
  | { readonly type: 'LoseRequest'; readonly producer: number; readonly broker: number }
  | { readonly type: 'LoseResponse'; readonly producer: number; readonly broker: number }
  | { readonly type: 'ResetConnection'; readonly producer: number; readonly broker: number }
  | { readonly type: 'RequestTimeout'; readonly producer: number; readonly broker: number }
  | { readonly type: 'ExpireBatch'; readonly producer: number; readonly partition: number }
  | { readonly type: 'CrashProducer'; readonly producer: number };

export type ActionType = Action['type'];

/** The protocol's own steps, and the restarts that end a fault. */
export const protocolTypes: readonly ActionType[] = [
  'Send',
  'InitProducerId',
  'SendProduce',
  'HandleProduce',
  'HandleProduceResponse',
  'BumpProducerEpoch',
  'Fetch',
  'OffsetsForLeaderEpoch',
  'TruncateToHighWatermark',
  'ElectLeader',
  'RestartBroker',
  'RestartProducer',
];

/**
 * The action types that inject faults. ResetConnection is one only while its broker is up:
 * resetting the connection to a dead broker is how a producer notices the death.
 */
export const faultTypes: readonly ActionType[] = [
  'CrashBroker',
  'ShrinkIsr',
  'LoseRequest',
  'LoseResponse',
  'ResetConnection',
  'RequestTimeout',
  'ExpireBatch',
  'CrashProducer',
];

/** Every action type, in the fixed order `enabled` lists them. */
export const actionTypes: readonly ActionType[] = [...protocolTypes, ...faultTypes];

/** A stable, readable key for an action: equal actions give equal keys. */
export function actionKey(action: Action): string {
  const fields = Object.keys(action)
    .filter((k) => k !== 'type')
    .sort()
    .map((k) => `${k}=${String((action as unknown as Record<string, unknown>)[k])}`);
  return `${action.type}(${fields.join(',')})`;
}
