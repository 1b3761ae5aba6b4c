/**
 * The KRaft controller fences a broker that stopped heartbeating: it leaves every ISR, except that
 * the last member of an ISR stays in it while down, and a partition it led goes offline.
 */
import { partitionAt, replicaIndex, withPartition } from '../cluster.ts';
import type { State } from '../state.ts';

export function fenceBroker(state: State, broker: number): State {
  let next = state;
  for (let partition = 0; partition < state.partitions.length; partition++) {
    const p = partitionAt(next, partition);
    if (replicaIndex(p, broker) < 0) continue;
    const isr = p.isr.length > 1 ? p.isr.filter((b) => b !== broker) : p.isr;
    const leader = p.leader === broker ? null : p.leader;
    next = withPartition(next, partition, { ...p, isr, leader });
  }
  return next;
}
