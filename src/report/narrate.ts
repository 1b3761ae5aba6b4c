/**
 * One step of a counterexample told in Kafka's words: who acted, which request or event, and what
 * changed that matters (log end offsets, high watermarks, ISR, leadership, what the application
 * learnt). Reads the states before and after; changes nothing.
 */
import { match } from 'ts-pattern';
import type { Action, ModelConfig, ProducerBatch, RecordRef, Replica, State } from '../../model/index.ts';

export interface NarratedStep {
  /** Who acted: "producer 0", "broker 2", "controller", "network". */
  readonly actor: string;
  /** The Kafka request or event. */
  readonly message: string;
  /** What changed that matters, one clause each. */
  readonly changes: readonly string[];
}

function recordList(state: State, config: ModelConfig, refs: readonly RecordRef[]): string {
  const names = refs.map((r) => {
    const record = state.sends[r.producer]![r.send]!.record;
    return config.producers > 1 ? `p${r.producer}:r${record}` : `r${record}`;
  });
  return names.length === 1 ? `record ${names[0]}` : `records ${names.join(', ')}`;
}

function batchWords(state: State, config: ModelConfig, batch: ProducerBatch): string {
  const records = recordList(state, config, batch.records);
  if (batch.producerId < 0) return records;
  return `${records} (PID ${batch.producerId}, epoch ${batch.producerEpoch}, sequence ${batch.baseSequence})`;
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
  });
  after.sends.forEach((row, producer) => {
    row.forEach((send, index) => {
      const was = before.sends[producer]![index];
      if (was !== undefined && was.outcome.status === send.outcome.status) return;
      const name = recordList(after, config, [{ producer, send: index }]);
      if (send.outcome.status === 'acknowledged') {
        const at =
          send.outcome.offset >= 0 ? ` at offset ${send.outcome.offset}` : ' (acks=0: counted as sent)';
        out.push(`the application sees ${name} acknowledged${at}`);
      } else if (send.outcome.status === 'failed') {
        out.push(`the application sees ${name} fail with ${send.outcome.error}`);
      }
    });
  });
  return out;
}

function produceAnswer(before: State, after: State, producer: number, broker: number): string {
  const c = after.connections[producer]![broker]!;
  const b = before.connections[producer]![broker]!;
  if (c.purgatory !== null && b.purgatory === null) {
    return `parks it until the high watermark reaches ${c.purgatory.requiredOffset} (acks=all)`;
  }
  const answer = c.responses.length > b.responses.length ? c.responses[c.responses.length - 1] : undefined;
  if (answer === undefined) return c.responsesLost ? 'answers into a stalled connection' : 'sends no answer';
  if (answer.result.error !== 'None') return `answers ${answer.result.error}`;
  return answer.result.duplicate
    ? `recognises a duplicate and answers with its original offset ${answer.result.baseOffset}`
    : `answers success at offset ${answer.result.baseOffset}`;
}

function describe(
  config: ModelConfig,
  before: State,
  action: Action,
  after: State,
): Omit<NarratedStep, 'changes'> {
  return match(action)
    .with({ type: 'Send' }, (a) => ({
      actor: `application ${a.producer}`,
      message: `calls send(${recordList(after, config, [{ producer: a.producer, send: after.sends[a.producer]!.length - 1 }]).replace('record ', '')}); it waits in the record accumulator`,
    }))
    .with({ type: 'InitProducerId' }, (a) => ({
      actor: `producer ${a.producer}`,
      message: `InitProducerId: gets PID ${after.producers[a.producer]!.producerId}, epoch 0`,
    }))
    .with({ type: 'SendProduce' }, (a) => {
      const batch = before.producers[a.producer]!.partitions[a.partition]!.accumulator[0]!;
      const leader = before.partitions[a.partition]!.leader;
      const row = after.producers[a.producer]!.inFlight[leader!]!;
      const sent = row[row.length - 1]?.batch ?? batch;
      return {
        actor: `producer ${a.producer}`,
        message: `sends a ProduceRequest to broker ${leader} for partition ${a.partition}: ${batchWords(after, config, sent)}${batch.inRetry ? ' — a retry' : ''}`,
      };
    })
    .with({ type: 'HandleProduce' }, (a) => {
      const c = before.connections[a.producer]![a.broker]!;
      const request = (a.from === 'orphan' ? c.orphans : c.requests)[0]!;
      const late = a.from === 'orphan' ? ' from a connection the producer already closed' : '';
      const answer =
        a.from === 'orphan' ? 'nobody reads its answer' : produceAnswer(before, after, a.producer, a.broker);
      return {
        actor: `broker ${a.broker}`,
        message: `handles the ProduceRequest${late} for ${batchWords(before, config, request.batch)}; ${answer}`,
      };
    })
    .with({ type: 'HandleProduceResponse' }, (a) => {
      const response = before.connections[a.producer]![a.broker]!.responses[0]!;
      const batch = before.producers[a.producer]!.inFlight[a.broker]![0]!;
      const what = response.result.error === 'None' ? 'success' : response.result.error;
      const retried = after.producers[a.producer]!.partitions[batch.batch.partition]!.accumulator.some(
        (b) => b.records[0] === batch.batch.records[0],
      );
      return {
        actor: `producer ${a.producer}`,
        message: `reads ${what} for ${recordList(before, config, batch.batch.records)}${batch.expired ? ' (already expired: ignored)' : ''}${retried ? '; will retry' : ''}`,
      };
    })
    .with({ type: 'BumpProducerEpoch' }, (a) => ({
      actor: `producer ${a.producer}`,
      message: `bumps its epoch to ${after.producers[a.producer]!.producerEpoch} and renumbers its unfinished batches from sequence 0 (KIP-360)`,
    }))
    .with({ type: 'Fetch' }, (a) => ({
      actor: `broker ${a.broker}`,
      message: `fetches partition ${a.partition} from leader broker ${before.partitions[a.partition]!.leader} at offset ${replicaOn(before, a.partition, a.broker).logEndOffset}`,
    }))
    .with({ type: 'OffsetsForLeaderEpoch' }, (a) => ({
      actor: `broker ${a.broker}`,
      message: `asks the leader where its last leader epoch ends (OffsetsForLeaderEpoch) and truncates to offset ${replicaOn(after, a.partition, a.broker).logEndOffset}`,
    }))
    .with({ type: 'TruncateToHighWatermark' }, (a) => ({
      actor: `broker ${a.broker}`,
      message: `truncates partition ${a.partition} to its own high watermark ${replicaOn(before, a.partition, a.broker).highWatermark}, as brokers did on restart and on becoming a follower before KIP-101`,
    }))
    .with({ type: 'ElectLeader' }, (a) => ({
      actor: 'controller',
      message: `elects broker ${a.broker} leader of partition ${a.partition}${before.partitions[a.partition]!.isr.includes(a.broker) ? '' : ' — an unclean election, from outside the ISR'}`,
    }))
    .with({ type: 'RestartBroker' }, (a) => ({ actor: `broker ${a.broker}`, message: 'restarts' }))
    .with({ type: 'RestartProducer' }, (a) => ({
      actor: `application ${a.producer}`,
      message: `restarts with a new producer instance${config.onFailure === 'resend' ? ' and sends again every record it never saw acknowledged' : ''}`,
    }))
    .with({ type: 'CrashBroker' }, (a) => ({
      actor: `broker ${a.broker}`,
      message: a.powerLoss
        ? 'loses power: every log falls back to its flushed prefix'
        : 'crashes (the process dies; the page cache survives)',
    }))
    .with({ type: 'ShrinkIsr' }, (a) => ({
      actor: `broker ${before.partitions[a.partition]!.leader}`,
      message: `drops lagging broker ${a.broker} from the ISR of partition ${a.partition} (replica.lag.time.max.ms)`,
    }))
    .with({ type: 'LoseRequest' }, (a) => ({
      actor: 'network',
      message: `loses the request from producer ${a.producer} to broker ${a.broker}; the connection stalls`,
    }))
    .with({ type: 'LoseResponse' }, (a) => ({
      actor: 'network',
      message: `loses the answer from broker ${a.broker} to producer ${a.producer}; the connection stalls`,
    }))
    .with({ type: 'ResetConnection' }, (a) => ({
      actor: `producer ${a.producer}`,
      message: before.brokers[a.broker]!.up
        ? `sees its connection to broker ${a.broker} reset; what it had in flight fails with NetworkException`
        : `notices broker ${a.broker} is gone; what it had in flight there fails`,
    }))
    .with({ type: 'RequestTimeout' }, (a) => ({
      actor: `producer ${a.producer}`,
      message: `request.timeout.ms passes on broker ${a.broker}: it closes the connection and retries; the broker may still apply what reached it`,
    }))
    .with({ type: 'ExpireBatch' }, (a) => ({
      actor: `producer ${a.producer}`,
      message: `delivery.timeout.ms expires the oldest unfinished batch of partition ${a.partition}`,
    }))
    .with({ type: 'CrashProducer' }, (a) => ({
      actor: `application ${a.producer}`,
      message: 'crashes with its producer; unsent batches are gone',
    }))
    .exhaustive();
}

function replicaOn(state: State, partition: number, broker: number): Replica {
  return state.partitions[partition]!.replicas.find((r) => r.broker === broker)!;
}

export function narrate(config: ModelConfig, before: State, action: Action, after: State): NarratedStep {
  return { ...describe(config, before, action, after), changes: commonChanges(config, before, after) };
}
