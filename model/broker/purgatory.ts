/**
 * The produce purgatory: acks=all requests the leader appended and parks until the high watermark
 * passes their batch (Kafka's DelayedProduce).
 */
import { partitionAt } from '../cluster.ts';
import { effectiveMinInsyncReplicas, type ModelConfig } from '../config.ts';
import { connectionOf, respond, withConnection } from '../connection.ts';
import { highWatermarkMayMove } from '../replication/high-watermark.ts';
import type { ProduceResult, State } from '../state.ts';
import { responseTo } from './produce-checks.ts';

/**
 * Answers every acks=all request parked on this partition's leader whose batch the high
 * watermark has passed: success, or NotEnoughReplicasAfterAppend when the ISR shrank below
 * min.insync.replicas after the append (Kafka's checkEnoughReplicasReachOffset). Requests wait
 * while the high watermark may not move.
 */
export function completePurgatory(config: ModelConfig, state: State, partition: number): State {
  const p = partitionAt(state, partition);
  const leader = highWatermarkMayMove(config, state, p);
  if (leader === null) return state;
  let next = state;
  for (let producer = 0; producer < state.connections.length; producer++) {
    const connection = connectionOf(next, producer, leader.broker);
    const pending = connection.purgatory;
    if (pending === null || pending.request.batch.partition !== partition) continue;
    if (pending.requiredOffset > leader.highWatermark) continue;
    const result: ProduceResult =
      p.isr.length >= effectiveMinInsyncReplicas(config)
        ? { error: 'None', baseOffset: pending.baseOffset, duplicate: pending.duplicate }
        : { error: 'NotEnoughReplicasAfterAppend' };
    next = withConnection(next, producer, leader.broker, {
      ...respond(connection, responseTo(pending.request, result)),
      purgatory: null,
    });
  }
  return next;
}
