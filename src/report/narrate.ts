/**
 * One step of a counterexample told in Kafka's words: who acted, which request or event, and what
 * changed that matters (log end offsets, high watermarks, ISR, leadership, what the application
 * learnt). Reads the states before and after; changes nothing. How each step is told lives in
 * its step module.
 */
import {
  type Action,
  isTransactional,
  lastStableOffset,
  type ModelConfig,
  type Replica,
  recordList,
  type State,
  stepModule,
} from '../../model/index.ts';

export interface NarratedStep {
  /** Who acted: "producer 0", "broker 2", "controller", "network". */
  readonly actor: string;
  /** The Kafka request or event. */
  readonly message: string;
  /** What changed that matters, one clause each. */
  readonly changes: readonly string[];
}

function replicaChanges(partition: number, before: Replica, after: Replica, isLeader: boolean): string[] {
  const out: string[] = [];
  const who = `broker ${after.broker}${isLeader ? ' (leader)' : ''}`;
  if (after.logEndOffset !== before.logEndOffset) {
    out.push(`${who} LEO ${before.logEndOffset}→${after.logEndOffset} on partition ${partition}`);
  }
  if (after.highWatermark !== before.highWatermark) {
    out.push(`${who} HW ${before.highWatermark}→${after.highWatermark} on partition ${partition}`);
  }
  return out;
}

/** The leader's last stable offset, when a step moves it (leadership unchanged). */
function stableOffsetChange(partition: number, before: State, after: State): string[] {
  const leaderOf = (s: State) => {
    const p = s.partitions[partition]!;
    return p.replicas.find((r) => r.broker === p.leader) ?? null;
  };
  const was = leaderOf(before);
  const now = leaderOf(after);
  if (was === null || now === null || was.broker !== now.broker) return [];
  const from = lastStableOffset(was);
  const to = lastStableOffset(now);
  return from === to ? [] : [`partition ${partition} last stable offset ${from}→${to}`];
}

/** The changes every step reports, whatever its kind. */
function commonChanges(config: ModelConfig, before: State, after: State): string[] {
  const out: string[] = [];
  after.partitions.forEach((p, i) => {
    const was = before.partitions[i]!;
    if (p.leader !== was.leader) {
      out.push(
        p.leader === null
          ? `partition ${i} has no leader`
          : `broker ${p.leader} leads partition ${i} (leader epoch ${p.leaderEpoch})`,
      );
    }
    if (p.isr.join() !== was.isr.join()) out.push(`ISR of partition ${i} [${was.isr}]→[${p.isr}]`);
    p.replicas.forEach((r, j) => {
      out.push(...replicaChanges(i, was.replicas[j]!, r, r.broker === p.leader));
    });
    if (after.transactions.length > 0) out.push(...stableOffsetChange(i, before, after));
  });
  after.transactions.forEach((t, id) => {
    const was = before.transactions[id]!;
    if (t.state !== was.state || t.producerEpoch !== was.producerEpoch) {
      out.push(
        `transactional.id ${config.transactionalId}-${id}: ${was.state}→${t.state}, epoch ${t.producerEpoch}`,
      );
    }
  });
  after.sends.forEach((row, producer) => {
    row.forEach((send, index) => {
      const was = before.sends[producer]![index];
      if (was !== undefined && was.outcome.status === send.outcome.status) return;
      const name = recordList(after, config, [{ producer, send: index }]);
      if (send.outcome.status === 'acknowledged') {
        // A transactional record is acknowledged when commitTransaction() returns, with no offset of its own.
        const at =
          send.outcome.offset >= 0
            ? ` at offset ${send.outcome.offset}`
            : isTransactional(config)
              ? ' (commitTransaction() returned)'
              : ' (acks=0: counted as sent)';
        out.push(`the application sees ${name} acknowledged${at}`);
      } else if (send.outcome.status === 'failed') {
        out.push(`the application sees ${name} fail with ${send.outcome.error}`);
      }
    });
  });
  return out;
}

export function narrate(config: ModelConfig, before: State, action: Action, after: State): NarratedStep {
  // Each step tells itself (its module's `tell`); the changes that matter are the same for all.
  const told = stepModule(action.type).tell(config, before, action, after);
  return { actor: told.actor, message: told.message, changes: commonChanges(config, before, after) };
}
