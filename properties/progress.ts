/**
 * progress: once faults stop, the cluster settles. Every partition with a live replica has a
 * leader, and that leader has committed everything it holds (its high watermark reaches its log
 * end), so every acknowledged record becomes readable. With transactions, every partition's last
 * stable offset reaches its high watermark (no hanging transaction, KIP-890) and every
 * transaction coordinator is Empty or Complete*. With a consumer group, the group is Stable with
 * every application instance a member. The heal phase must reach quiescence.
 */
import { lastStableOffset, type ModelConfig, type State } from '../model/index.ts';
import { groupSettled } from './end-to-end.ts';
import { leaderReplica } from './observe.ts';
import { type Ending, holds, type Judgement, type Property, violated } from './property.ts';

function committedEverything(state: State): Judgement {
  for (let partition = 0; partition < state.partitions.length; partition++) {
    const p = state.partitions[partition]!;
    const leader = leaderReplica(state, partition);
    if (leader === null) {
      if (p.replicas.some((r) => state.brokers[r.broker]!.up)) {
        return violated(`partition ${partition} has live replicas but no leader once faults stopped`, {
          partition,
        });
      }
      continue;
    }
    if (leader.highWatermark < leader.logEndOffset) {
      return violated(
        `leader broker ${leader.broker} of partition ${partition} never commits offsets ${leader.highWatermark}..${leader.logEndOffset - 1} ` +
          `(high watermark stuck at ${leader.highWatermark}, ISR ${JSON.stringify(p.isr)})`,
        { partition, highWatermark: leader.highWatermark, logEndOffset: leader.logEndOffset },
      );
    }
  }
  return holds;
}

/** A running client still waiting for an answer: a request timeout is still to come. */
function waiting(client: State['producers'][number]): boolean {
  if (client.status !== 'running') return false;
  return (client.transaction?.awaiting ?? -1) >= 0 || client.inFlight.some((row) => row.length > 0);
}

function transactionsEnded(state: State): Judgement {
  // The exhaustive explorer counts a state as ended once only faults are enabled, so a client
  // waiting on a stalled connection may be left with its request timeout still to fire: its
  // transaction is not hanging yet.
  if (state.transactions.length === 0 || state.producers.some(waiting)) return holds;
  for (let partition = 0; partition < state.partitions.length; partition++) {
    const leader = leaderReplica(state, partition);
    if (leader === null) continue;
    const lso = lastStableOffset(leader);
    if (lso < leader.highWatermark) {
      return violated(
        `partition ${partition} has a hanging transaction: its last stable offset is stuck at ${lso} below the high watermark ${leader.highWatermark}, so read_committed consumers stop there`,
        { partition, lastStableOffset: lso, highWatermark: leader.highWatermark },
      );
    }
  }
  for (let id = 0; id < state.transactions.length; id++) {
    const t = state.transactions[id]!;
    if (t.state !== 'Empty' && t.state !== 'CompleteCommit' && t.state !== 'CompleteAbort') {
      return violated(
        `the transaction coordinator of transactional.id ${id} is left ${t.state} once faults stopped`,
        {
          transactionalId: id,
          state: t.state,
        },
      );
    }
  }
  return holds;
}

function settled(config: ModelConfig, state: State, ending: Ending): Judgement {
  if (!ending.quiescent) {
    return violated(
      `the cluster is still busy ${ending.healSteps} steps after faults stopped (livelock)`,
      ending,
    );
  }
  const committed = committedEverything(state);
  if (!committed.holds) return committed;
  const ended = transactionsEnded(state);
  return ended.holds ? groupSettled(config, state) : ended;
}

export const progress: Property = {
  name: 'progress',
  guarantee:
    'Once faults stop, every partition gets a leader and commits everything it holds, its last stable offset reaches its high watermark (no hanging transaction), every transaction coordinator is Empty or Complete*, and a consumer group is Stable with every instance in it.',
  atEnd: settled,
};
