/**
 * The small integers the byte encoding writes for the State's strings: each enum's members in a
 * fixed order, their code being their index. Adding a member at the end keeps older codes.
 */
import type { KafkaError, Producer, SendOutcome } from '../state.ts';

export const kafkaErrors: readonly KafkaError[] = [
  'NotLeaderOrFollower',
  'NotEnoughReplicas',
  'NotEnoughReplicasAfterAppend',
  'OutOfOrderSequence',
  'InvalidProducerEpoch',
  'NetworkException',
  'RequestTimedOut',
  'TimeoutException',
];

/** The code of a produce result's error: 0 for `None` (success), then 1 + the error's index. */
export const NO_ERROR = 0;

export const producerStatuses: readonly Producer['status'][] = ['running', 'crashed'];

export const sendStatuses: readonly SendOutcome['status'][] = ['pending', 'acknowledged', 'failed'];

/** Requests' and responses' kinds (Kafka APIs). */
export const requestKinds: readonly 'Produce'[] = ['Produce'];

/** The code of an enum member; throws for a value the table does not list. */
export function codeOf<T>(table: readonly T[], value: T): number {
  const code = table.indexOf(value);
  if (code < 0) throw new RangeError(`no code for ${String(value)}`);
  return code;
}

/** The member a code stands for; throws for a code outside the table. */
export function memberOf<T>(table: readonly T[], code: number): T {
  const value = table[code];
  if (value === undefined) throw new RangeError(`no member with code ${code}`);
  return value;
}
