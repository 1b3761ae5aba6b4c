/**
 * Reachability partners: events a search must reach for the safety properties to mean anything.
 * A model that never changes leader cannot lose a record to a leader change, so a clean verdict
 * counts for little unless these were witnessed. Each is judged on a step.
 */
import { type Action, type ModelConfig, producerOfInstance, type State } from '../model/index.ts';
import type { PropertyName } from './property.ts';

export interface Witness {
  readonly name: string;
  readonly description: string;
  /** The properties whose clean verdict this event gives weight to. */
  readonly partners: readonly PropertyName[];
  readonly seen: (config: ModelConfig, before: State, action: Action, after: State) => boolean;
}

function acknowledgedCount(state: State): number {
  let n = 0;
  for (const row of state.sends) for (const s of row) if (s.outcome.status === 'acknowledged') n++;
  return n;
}

function attemptsEnded(state: State, outcome: 'committed' | 'aborted'): number {
  let n = 0;
  for (const row of state.attempts) for (const a of row) if (a === outcome) n++;
  return n;
}

function totalLogEnd(state: State): number {
  let n = 0;
  for (const p of state.partitions) for (const r of p.replicas) n += r.logEndOffset;
  return n;
}

export const witnesses: readonly Witness[] = [
  {
    name: 'record-acknowledged',
    description: 'a send() is acknowledged',
    partners: ['no-loss'],
    seen: (_c, before, _a, after) => acknowledgedCount(after) > acknowledgedCount(before),
  },
  {
    name: 'leader-change',
    description: 'the controller elects a new partition leader',
    partners: ['no-loss', 'replica-consistency', 'progress'],
    seen: (_c, _b, action) => action.type === 'ElectLeader',
  },
  {
    name: 'retry',
    description: 'the producer sends a batch again after a failure',
    partners: ['no-duplicate', 'order'],
    seen: (_c, before, action) =>
      action.type === 'SendProduce' &&
      before.producers[action.producer]!.partitions[action.partition]!.accumulator[0]?.inRetry === true,
  },
  {
    name: 'deduplicated',
    description: 'a leader recognises a retried batch as a duplicate and answers with its original offset',
    partners: ['no-duplicate'],
    seen: (_c, _b, action, after) => {
      if (action.type !== 'HandleProduce' || action.from !== 'connection') return false;
      const c = after.connections[action.producer]![action.broker]!;
      const last = c.responses[c.responses.length - 1];
      return (
        c.purgatory?.duplicate === true ||
        (last?.kind === 'Produce' && last.result.error === 'None' && last.result.duplicate)
      );
    },
  },
  {
    name: 'follower-truncation',
    description: 'a follower truncates its log when it reconciles with a new leader',
    partners: ['replica-consistency', 'no-loss'],
    seen: (_c, before, action, after) =>
      (action.type === 'OffsetsForLeaderEpoch' ||
        action.type === 'TruncateToHighWatermark' ||
        action.type === 'Fetch') &&
      totalLogEnd(after) < totalLogEnd(before),
  },
  {
    name: 'power-loss-truncation',
    description: 'a power loss takes the unflushed tail of a log',
    partners: ['no-loss'],
    seen: (_c, before, action, after) =>
      action.type === 'CrashBroker' && action.powerLoss && totalLogEnd(after) < totalLogEnd(before),
  },
  {
    name: 'epoch-bump',
    description: 'an idempotent producer bumps its epoch after a sequence gap (KIP-360)',
    partners: ['no-duplicate', 'order'],
    seen: (_c, _b, action) => action.type === 'BumpProducerEpoch',
  },
  {
    name: 'transaction-committed',
    description: 'the application sees commitTransaction() return',
    partners: ['atomic-transaction', 'no-loss', 'read-committed'],
    seen: (_c, before, _a, after) => attemptsEnded(after, 'committed') > attemptsEnded(before, 'committed'),
  },
  {
    name: 'transaction-aborted',
    description: 'the application sees abortTransaction() complete',
    partners: ['atomic-transaction', 'read-committed'],
    seen: (_c, before, _a, after) => attemptsEnded(after, 'aborted') > attemptsEnded(before, 'aborted'),
  },
  {
    name: 'marker-after-leader-change',
    description: 'a transaction marker lands on a partition whose leader changed during the transaction',
    partners: ['atomic-transaction', 'progress'],
    seen: (_c, before, action) =>
      action.type === 'WriteTxnMarkers' && before.partitions[action.partition]!.leaderEpoch > 0,
  },
  {
    name: 'epoch-fenced',
    description: 'a broker or coordinator refuses a request of a fenced producer epoch',
    partners: ['fencing'],
    seen: (_c, _b, action, after) => {
      if (
        action.type !== 'HandleProduce' &&
        action.type !== 'HandleEndTxn' &&
        action.type !== 'HandleAddPartitionsToTxn'
      )
        return false;
      if (action.from !== 'connection') return false;
      const c = after.connections[action.producer]![action.broker]!;
      const last = c.responses[c.responses.length - 1];
      if (last === undefined) return false;
      const error = last.kind === 'Produce' ? last.result.error : last.error;
      return error === 'InvalidProducerEpoch' || error === 'ProducerFenced';
    },
  },
  {
    name: 'coordinator-moved',
    description: 'a transaction coordinator moves to another broker',
    partners: ['atomic-transaction', 'progress'],
    seen: (_c, _b, action) => action.type === 'MoveTransactionCoordinator',
  },
  {
    name: 'group-coordinator-moved',
    description: "a group coordinator moves to another broker and loads the group's offsets",
    partners: ['no-loss', 'no-duplicate'],
    seen: (_c, _b, action) => action.type === 'MoveGroupCoordinator',
  },
  {
    name: 'partition-moved',
    description: 'a rebalance hands a member a partition it did not own before (SyncGroup)',
    partners: ['no-loss', 'no-duplicate'],
    seen: (_c, before, action, after) => {
      if (action.type !== 'SyncGroup') return false;
      const owned = before.pipeline!.instances[action.consumer]!.owned;
      const assigned = after.pipeline!.instances[action.consumer]!.owned;
      return after.pipeline!.group.generation > 1 && (assigned & ~owned) !== 0;
    },
  },
  {
    name: 'commit-failed',
    description:
      'an offset commit fails with CommitFailedException (UNKNOWN_MEMBER_ID or ILLEGAL_GENERATION)',
    partners: ['no-duplicate'],
    seen: (_c, before, action, after) =>
      (action.type === 'CommitSync' || action.type === 'AutoCommit') &&
      before.pipeline!.instances[action.consumer]!.phase === 'stable' &&
      after.pipeline!.instances[action.consumer]!.phase === 'unjoined',
  },
  {
    name: 'txn-offset-commit-fenced',
    description:
      "a TxnOffsetCommit is refused (a stale generation or member, KIP-447, or a fenced producer epoch) and the transaction can't commit",
    partners: ['no-duplicate'],
    seen: (c, _before, action, after) => {
      if (action.type !== 'TxnOffsetCommit') return false;
      return after.producers[producerOfInstance(c, action.consumer)]!.transaction?.state !== 'InTransaction';
    },
  },
  {
    name: 'zombie-woke',
    description: 'a paused instance wakes after the group removed it, still believing it owns its partitions',
    partners: ['no-duplicate'],
    seen: (_c, before, action) => {
      if (action.type !== 'WakeConsumer') return false;
      const p = before.pipeline!;
      return p.group.members[action.consumer]!.instance !== p.instances[action.consumer]!.instance;
    },
  },
  {
    name: 'consumer-truncation-detected',
    description:
      "a consumer's position is past the new leader's log: its validation (KIP-320) moves it back, or its fetch gets OFFSET_OUT_OF_RANGE",
    partners: ['no-loss', 'no-duplicate'],
    seen: (_c, before, action, after) => {
      if (action.type !== 'ConsumerOffsetsForLeaderEpoch' && action.type !== 'ConsumerPoll') return false;
      const was = before.pipeline!.instances[action.consumer]!;
      const now = after.pipeline!.instances[action.consumer]!;
      return now.status === 'failed' || now.positions[action.partition]! < was.positions[action.partition]!;
    },
  },
  {
    name: 'offset-reset',
    description: 'a consumer starts a partition from auto.offset.reset, having no committed offset',
    partners: ['no-loss'],
    seen: (config, before, action) => {
      if (action.type !== 'OffsetFetch') return false;
      const p = before.pipeline!;
      const resume = config.pipeline!.commit === 'external' ? p.sink.offsets : p.group.committed;
      return resume[action.partition]! < 0;
    },
  },
];
