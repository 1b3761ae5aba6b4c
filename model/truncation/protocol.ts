/**
 * How a follower reconciles its log when it starts following a new leader epoch or restarts.
 * Each variant is one module with one action; `enabled` asks the configured variant which of
 * its actions are possible, so no other action knows which variant runs.
 */
import type { Action } from '../action.ts';
import type { ModelConfig, TruncationVariant } from '../config.ts';
import type { State } from '../state.ts';
import { highWatermarkTruncation } from './high-watermark.ts';
import { leaderEpochTruncation } from './leader-epoch.ts';

export interface TruncationProtocol {
  readonly variant: TruncationVariant;
  readonly enabled: (state: State) => readonly Action[];
}

export function truncationProtocol(config: ModelConfig): TruncationProtocol {
  return config.variants.truncation === 'leader-epoch' ? leaderEpochTruncation : highWatermarkTruncation;
}

/** Replicas that are up, follow the partition, and have not reconciled with its current epoch. */
export function replicasToReconcile(
  state: State,
  needsLeader: boolean,
): readonly { partition: number; broker: number }[] {
  const found: { partition: number; broker: number }[] = [];
  state.partitions.forEach((p, partition) => {
    const leaderUp = p.leader !== null && state.brokers[p.leader]?.up === true;
    if (needsLeader && !leaderUp) return;
    for (const r of p.replicas) {
      if (r.broker === p.leader || !state.brokers[r.broker]?.up) continue;
      if (r.leaderEpoch < p.leaderEpoch) found.push({ partition, broker: r.broker });
    }
  });
  return found;
}
