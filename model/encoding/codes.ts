/**
 * The small integers the byte encoding writes for the State's strings: each enum's members in a
 * fixed order, their code being their index. Adding a member at the end keeps older codes.
 */
import type {
  AttemptOutcome,
  ClientTransactionState,
  ControlType,
  GroupOffsetsInTxn,
  GroupState,
  InstanceStatus,
  KafkaError,
  LoopStage,
  MemberPhase,
  Producer,
  Request,
  SendOutcome,
  TransactionState,
} from '../state.ts';

export const kafkaErrors: readonly KafkaError[] = [
  'NotLeaderOrFollower',
  'NotEnoughReplicas',
  'NotEnoughReplicasAfterAppend',
  'OutOfOrderSequence',
  'InvalidProducerEpoch',
  'NetworkException',
  'RequestTimedOut',
  'TimeoutException',
  'ProducerFenced',
  'ConcurrentTransactions',
  'InvalidTxnState',
  'NotCoordinator',
  'TransactionAborted',
];

/** The code of a produce result's or coordinator response's error: 0 for `None`, then 1 + the error's index. */
export const NO_ERROR = 0;

export const producerStatuses: readonly Producer['status'][] = ['running', 'crashed', 'stalled'];

export const sendStatuses: readonly SendOutcome['status'][] = ['pending', 'acknowledged', 'failed'];

/** Requests' and responses' kinds (Kafka APIs). */
export const requestKinds: readonly Request['kind'][] = [
  'Produce',
  'InitProducerId',
  'AddPartitionsToTxn',
  'EndTxn',
  'AddOffsetsToTxn',
];

/** A log batch's control type: code 0 is a data batch (null), then 1 + the index. */
export const controlTypes: readonly ControlType[] = ['COMMIT', 'ABORT'];

export const clientTransactionStates: readonly ClientTransactionState[] = [
  'Uninitialized',
  'Initializing',
  'Ready',
  'InTransaction',
  'CommittingTransaction',
  'AbortingTransaction',
  'AbortableError',
  'FatalError',
];

export const transactionStates: readonly TransactionState[] = [
  'Empty',
  'Ongoing',
  'PrepareCommit',
  'PrepareAbort',
  'CompleteCommit',
  'CompleteAbort',
  'PrepareEpochFence',
];

export const attemptOutcomes: readonly AttemptOutcome[] = ['open', 'committed', 'aborted', 'unknown'];

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

export const groupStates: readonly GroupState[] = [
  'Empty',
  'PreparingRebalance',
  'CompletingRebalance',
  'Stable',
];

export const instanceStatuses: readonly InstanceStatus[] = [
  'running',
  'paused',
  'crashed',
  'stopped',
  'failed',
];

export const memberPhases: readonly MemberPhase[] = ['unjoined', 'joining', 'stable'];

export const loopStages: readonly LoopStage[] = [
  'poll',
  'commit-before',
  'process',
  'commit-after',
  'add-offsets',
  'txn-offset-commit',
  'commit-txn',
];

export const groupOffsetsInTxn: readonly GroupOffsetsInTxn[] = ['none', 'added', 'marker'];
