/**
 * no-loss: an acknowledged record stays in the log of whoever leads its partition, and once
 * faults stop it is committed there. Kafka keeps this for acks=all with min.insync.replicas >= 2,
 * clean elections and at least one in-sync replica alive at all times (KIP-101, KIP-279); acks=0,
 * acks=1, unclean elections and unflushed power loss break it. With a consume-process-produce
 * application, end to end: once faults stop, every record committed to the topic has its effect
 * in the application's sink (a commit before processing, then a crash, breaks it).
 */
import type { ModelConfig, State } from '../model/index.ts';
import { missingEffects } from './end-to-end.ts';
import { acknowledgedSends, describeRecord, inTransit, leaderReplica, loggedRecords } from './observe.ts';
import { holds, type Judgement, type Property, violated } from './property.ts';

function lostRecords(config: ModelConfig, state: State, committedOnly: boolean): Judgement {
  for (const ack of acknowledgedSends(state)) {
    const { partition, record } = ack.detail;
    const leader = leaderReplica(state, partition);
    if (leader === null) continue;
    const present = loggedRecords(state, leader, committedOnly).some(
      (r) => r.ref.producer === ack.producer && r.record === record,
    );
    if (present) continue;
    // With acks=0 the producer counts a record as delivered once it is on the wire.
    if (!committedOnly && inTransit(state, ack.producer, record)) continue;
    const offset = ack.detail.outcome.status === 'acknowledged' ? ack.detail.outcome.offset : -1;
    const where = committedOnly ? 'committed log' : 'log';
    return violated(
      `${describeRecord(ack.producer, record, config)} was acknowledged${offset >= 0 ? ` at offset ${offset}` : ''}, ` +
        `but the ${where} of leader broker ${leader.broker} (leader epoch ${state.partitions[partition]!.leaderEpoch}) no longer has it`,
      { producer: ack.producer, send: ack.send, record, partition, leader: leader.broker },
    );
  }
  return holds;
}

export const noLoss: Property = {
  name: 'no-loss',
  guarantee:
    'Every acknowledged record is in the log of its partition leader, and committed there once faults stop; with a pipeline, every committed record has its effect in the sink.',
  always: (config, state) => lostRecords(config, state, false),
  atEnd: (config, state) => {
    const judged = lostRecords(config, state, true);
    return judged.holds ? missingEffects(config, state) : judged;
  },
};
