/**
 * fencing: once a partition's leader has seen a producer epoch of a PID (a batch or a marker),
 * no batch of an older epoch of that PID is appended there (KIP-98's zombie fencing; the epoch
 * bumps of InitProducerId, transaction timeouts and KIP-890's version 2).
 */
import type { LogBatch, ModelConfig, Replica, State } from '../model/index.ts';
import { leaderReplica } from './observe.ts';
import { holds, type Judgement, type Property, violated } from './property.ts';

function highestEpoch(log: readonly LogBatch[], producerId: number, below: number): number {
  let epoch = -1;
  for (let i = 0; i < below; i++) {
    const b = log[i]!;
    if (b.producerId === producerId && b.producerEpoch > epoch) epoch = b.producerEpoch;
  }
  return epoch;
}

function appendedStale(before: Replica, after: Replica, partition: number): Judgement {
  for (let i = before.log.length; i < after.log.length; i++) {
    const batch = after.log[i]!;
    if (batch.producerId < 0 || batch.control !== null) continue;
    const seen = highestEpoch(after.log, batch.producerId, before.log.length);
    if (batch.producerEpoch < seen) {
      return violated(
        `partition ${partition}'s leader broker ${after.broker} appended a batch of PID ${batch.producerId} at epoch ${batch.producerEpoch} at offset ${batch.baseOffset}, after it had seen epoch ${seen}`,
        {
          partition,
          producerId: batch.producerId,
          epoch: batch.producerEpoch,
          seen,
          offset: batch.baseOffset,
        },
      );
    }
  }
  return holds;
}

function fenced(_config: ModelConfig, before: State, after: State): Judgement {
  if (after.partitions === before.partitions) return holds;
  for (let partition = 0; partition < after.partitions.length; partition++) {
    // A partition the step left as it was had nothing appended.
    if (before.partitions[partition] === after.partitions[partition]) continue;
    const was = leaderReplica(before, partition);
    const now = leaderReplica(after, partition);
    if (was === null || now === null || was.broker !== now.broker || now.log.length <= was.log.length)
      continue;
    const judged = appendedStale(was, now, partition);
    if (!judged.holds) return judged;
  }
  return holds;
}

export const fencing: Property = {
  name: 'fencing',
  guarantee:
    "Once a partition's leader has seen a producer epoch, no batch of an older epoch of that PID is appended there (KIP-98).",
  // Only a produce request appends a data batch.
  everyStep: (config, before, action, after) =>
    action.type === 'HandleProduce' ? fenced(config, before, after) : holds,
};
