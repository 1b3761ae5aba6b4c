/**
 * replica-consistency: below its high watermark, every in-sync replica holds exactly what the
 * leader holds at the same offsets, and no replica's high watermark moves back. Leader-epoch
 * truncation (KIP-101, KIP-279) keeps this through leader changes; truncating to the high
 * watermark before KIP-101 let replicas diverge.
 */
import type { Action, LogBatch, ModelConfig, State } from '../model/index.ts';
import { leaderReplica } from './observe.ts';
import { holds, type Judgement, type Property, violated } from './property.ts';

function sameBatch(a: LogBatch, b: LogBatch): boolean {
  return (
    a.baseOffset === b.baseOffset &&
    a.leaderEpoch === b.leaderEpoch &&
    a.records.length === b.records.length &&
    a.records.every((r, i) => r.producer === b.records[i]!.producer && r.send === b.records[i]!.send)
  );
}

function committedPrefixesAgree(_config: ModelConfig, state: State): Judgement {
  for (let partition = 0; partition < state.partitions.length; partition++) {
    const p = state.partitions[partition]!;
    const leader = leaderReplica(state, partition);
    if (leader === null) continue;
    for (const replica of p.replicas) {
      if (replica.broker === leader.broker || !p.isr.includes(replica.broker)) continue;
      if (!state.brokers[replica.broker]!.up) continue;
      if (replica.highWatermark > leader.logEndOffset) {
        return violated(
          `in-sync broker ${replica.broker} has committed up to offset ${replica.highWatermark} of partition ${partition}, ` +
            `but leader broker ${leader.broker}'s log ends at ${leader.logEndOffset}`,
          { partition, replica: replica.broker, leader: leader.broker },
        );
      }
      for (const batch of replica.log) {
        if (batch.baseOffset >= replica.highWatermark) break;
        const theirs = leader.log.find((b) => b.baseOffset === batch.baseOffset);
        if (theirs === undefined || !sameBatch(batch, theirs)) {
          return violated(
            `in-sync broker ${replica.broker} and leader broker ${leader.broker} hold different records at committed ` +
              `offset ${batch.baseOffset} of partition ${partition}`,
            { partition, offset: batch.baseOffset, replica: replica.broker, leader: leader.broker },
          );
        }
      }
    }
  }
  return holds;
}

function highWatermarksNeverMoveBack(
  _config: ModelConfig,
  before: State,
  action: Action,
  after: State,
): Judgement {
  for (let partition = 0; partition < after.partitions.length; partition++) {
    // A partition the step left as it was has every high watermark where it was.
    if (before.partitions[partition] === after.partitions[partition]) continue;
    const was = before.partitions[partition]!.replicas;
    const now = after.partitions[partition]!.replicas;
    for (let i = 0; i < now.length; i++) {
      const previous = was[i]!;
      const current = now[i]!;
      if (current.highWatermark >= previous.highWatermark) continue;
      // A power loss takes the unflushed tail, and the high watermark with it: that loss is judged
      // by no-loss; here it is the fault itself, not the protocol, that moved it.
      if (action.type === 'CrashBroker' && action.powerLoss && action.broker === current.broker) continue;
      return violated(
        `broker ${current.broker}'s high watermark of partition ${partition} moved back from ${previous.highWatermark} ` +
          `to ${current.highWatermark}`,
        { partition, broker: current.broker, from: previous.highWatermark, to: current.highWatermark },
      );
    }
  }
  return holds;
}

export const replicaConsistency: Property = {
  name: 'replica-consistency',
  guarantee:
    'Below the high watermark every in-sync replica matches the leader, and no high watermark moves back.',
  always: committedPrefixesAgree,
  everyStep: highWatermarksNeverMoveBack,
  atEnd: committedPrefixesAgree,
};
