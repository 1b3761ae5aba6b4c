// The application processes one polled record: an exactly-once instance sends its output in a
// transaction; one with a side-effect sink sends an e-mail. One instance reading one input
// partition that holds two records, both polled at once.
import { describe, expect, it } from 'vitest';
import { actionKey } from '../../action.ts';
import type { CommitStrategy, ModelConfig, SinkKind } from '../../config.ts';
import { enabled, step } from '../../machine.ts';
import type { State } from '../../state.ts';
import { configWith, noFaults, runActions } from '../../testing.ts';
import { type ProcessRecordAction, processRecord } from './process-record.ts';

function appConfig(commit: CommitStrategy, sink: SinkKind): ModelConfig {
  return configWith({
    brokers: 1,
    replicationFactor: 1,
    partitions: 2,
    producers: commit === 'transactional' ? 2 : 1,
    records: 2,
    transactionalId: commit === 'transactional' ? 'app' : null,
    isolationLevel: 'read_committed',
    faults: noFaults,
    pipeline: {
      consumers: 1,
      commit,
      sink,
      assignor: 'range',
      staticMembership: false,
      autoOffsetReset: 'earliest',
      maxPollRecords: 2,
      inputPartitions: 1,
      workloadProducers: 1,
      sendOffsets: 'group-metadata',
    },
  });
}

const process0: ProcessRecordAction = { type: 'ProcessRecord', consumer: 0 };

/** Instance 0 has polled both records of the input partition. */
function polled(config: ModelConfig): State {
  const output = config.transactionalId !== null;
  return runActions(config, [
    { type: 'Send', producer: 0 },
    { type: 'Send', producer: 0 },
    { type: 'InitProducerId', producer: 0 },
    ...(output
      ? ([
          { type: 'SendInitProducerId', producer: 1 },
          { type: 'HandleInitProducerId', producer: 1, broker: 0, from: 'connection' },
          { type: 'HandleInitProducerIdResponse', producer: 1, broker: 0 },
        ] as const)
      : []),
    { type: 'SendProduce', producer: 0, partition: 0 },
    { type: 'HandleProduce', producer: 0, broker: 0, from: 'connection' },
    { type: 'JoinGroup', consumer: 0 },
    { type: 'SyncGroup', consumer: 0 },
    { type: 'OffsetFetch', consumer: 0, partition: 0 },
    { type: 'ConsumerPoll', consumer: 0, partition: 0 },
  ]);
}

/** ProcessRecord twice, with the story of each. */
function processTwice(config: ModelConfig): string[] {
  let state = polled(config);
  const told: string[] = [];
  for (let k = 0; k < 2; k++) {
    expect(enabled(config, state).map(actionKey)).toContain(actionKey(process0));
    const after = step(config, state, process0);
    told.push(processRecord.tell(config, state, process0, after).message);
    state = after;
  }
  return told;
}

describe('ProcessRecord', () => {
  it('an exactly-once instance begins its transaction with the first output it sends, and only then (KafkaProducer.beginTransaction, KIP-447)', () => {
    // Expected: the first record's story says it begins a transaction; the second's, sent inside it, does not.
    expect(processTwice(appConfig('transactional', 'topic'))).toEqual([
      'processes record p0:r0 (offset 0) and sends its output with producer 1, beginning a transaction',
      'processes record p0:r1 (offset 1) and sends its output with producer 1',
    ]);
  });

  it('an instance with a side-effect sink sends its e-mail and, when exactly-once, its output in the transaction too', () => {
    // Expected: with auto-commit just the e-mail; exactly-once, the e-mail then the output, the first beginning the transaction.
    expect(processTwice(appConfig('auto', 'side-effect'))).toEqual([
      'processes record r0 (offset 0) and sends its e-mail',
      'processes record r1 (offset 1) and sends its e-mail',
    ]);
    expect(processTwice(appConfig('transactional', 'side-effect'))).toEqual([
      'processes record p0:r0 (offset 0) and sends its e-mail, then its output with producer 1, beginning a transaction',
      'processes record p0:r1 (offset 1) and sends its e-mail, then its output with producer 1',
    ]);
  });
});
