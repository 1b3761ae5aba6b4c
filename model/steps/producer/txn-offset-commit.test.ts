// TxnOffsetCommit (KIP-98, KIP-447) and the AddOffsetsToTxn before it, for an exactly-once
// application: one instance reading a two-partition input topic, its output producer in slot 1.
import { describe, expect, it } from 'vitest';
import { type Action, actionKey } from '../../action.ts';
import type { ModelConfig, PipelineConfig } from '../../config.ts';
import { enabled, step } from '../../machine.ts';
import type { State } from '../../state.ts';
import { configWith, eosAddsOffsets, noFaults, runActions } from '../../testing.ts';
import { type TxnOffsetCommitAction, txnOffsetCommit } from './txn-offset-commit.ts';

const pipeline: PipelineConfig = {
  consumers: 1,
  commit: 'transactional',
  sink: 'topic',
  assignor: 'range',
  staticMembership: false,
  autoOffsetReset: 'earliest',
  maxPollRecords: 1,
  inputPartitions: 2,
  workloadProducers: 1,
  sendOffsets: 'group-metadata',
};

const config: ModelConfig = configWith({
  brokers: 1,
  replicationFactor: 1,
  partitions: 3,
  producers: 2,
  records: 1,
  transactionalId: 'app',
  isolationLevel: 'read_committed',
  faults: { ...noFaults, consumerPause: 1, deliveryTimeout: 1 },
  pipeline,
});

const commit: TxnOffsetCommitAction = { type: 'TxnOffsetCommit', consumer: 0 };
const expireOutput: Action = { type: 'ExpireBatch', producer: 1, partition: 2 };
const keys = (state: State) => enabled(config, state).map(actionKey);

/** Instance 0 has processed the record at offset 0 of partition 0 (at offset 0 of partition 1 too). */
const processed = runActions(config, [
  { type: 'Send', producer: 0 },
  { type: 'InitProducerId', producer: 0 },
  { type: 'SendInitProducerId', producer: 1 },
  { type: 'SendProduce', producer: 0, partition: 0 },
  { type: 'HandleProduce', producer: 0, broker: 0, from: 'connection' },
  { type: 'HandleInitProducerId', producer: 1, broker: 0, from: 'connection' },
  { type: 'HandleInitProducerIdResponse', producer: 1, broker: 0 },
  { type: 'JoinGroup', consumer: 0 },
  { type: 'SyncGroup', consumer: 0 },
  { type: 'OffsetFetch', consumer: 0, partition: 0 },
  { type: 'OffsetFetch', consumer: 0, partition: 1 },
  { type: 'ConsumerPoll', consumer: 0, partition: 0 },
  { type: 'ProcessRecord', consumer: 0 },
]);

/** AddOffsetsToTxn answered: the instance's next step is TxnOffsetCommit. */
const offsetsAdded = runActions(config, eosAddsOffsets, processed);

/** The step and what its story says. */
function commitAndTell(before: State): { after: State; message: string } {
  const after = step(config, before, commit);
  return { after, message: txnOffsetCommit.tell(config, before, commit, after).message };
}

const request = 'TxnOffsetCommit(PID 1, epoch 0, generation 1): partition 0 at 1, partition 1 at 0';

describe('TxnOffsetCommit', () => {
  it('only an application committing with sendOffsetsToTransaction sends TxnOffsetCommit (KafkaProducer.sendOffsetsToTransaction)', () => {
    // Expected: no candidate for an auto-committing group; one per instance of an exactly-once one.
    const autoCommit = configWith({
      ...config,
      transactionalId: null,
      pipeline: { ...pipeline, commit: 'auto' },
    });
    expect(txnOffsetCommit.candidates(autoCommit)).toEqual([]);
    expect(txnOffsetCommit.candidates(config)).toEqual([commit]);
  });

  it('TxnOffsetCommit keeps the consumed offsets pending under the PID until the transaction ends (GroupMetadata.prepareTxnOffsetCommit)', () => {
    // Expected: pending offsets [1, 0] for PID 1, nothing committed yet, and the instance goes on to commit the transaction.
    expect(keys(offsetsAdded)).toContain(actionKey(commit));
    const { after, message } = commitAndTell(offsetsAdded);
    const group = after.pipeline!.group;
    expect(group.pending).toEqual([{ producerId: 1, offsets: [1, 0] }]);
    expect(group.committed).toEqual([-1, -1]);
    expect(after.pipeline!.instances[0]!.stage).toBe('commit-txn');
    expect(message).toBe(`${request}; the group coordinator keeps them pending until the transaction ends`);
  });

  it('TxnOffsetCommit from a member whose session expired is refused with UNKNOWN_MEMBER_ID: CommitFailedException, the transaction must abort (KIP-447)', () => {
    // Expected: the transaction is in AbortableError, the instance forgets its generation, nothing is pending, and it cannot commit again.
    const zombie = runActions(
      config,
      [
        { type: 'PauseConsumer', consumer: 0 },
        { type: 'ExpireSession', consumer: 0 },
        { type: 'WakeConsumer', consumer: 0 },
      ],
      offsetsAdded,
    );
    expect(keys(zombie)).toContain(actionKey(commit));
    const { after, message } = commitAndTell(zombie);
    expect(after.producers[1]!.status).toBe('running');
    expect(after.producers[1]!.transaction!.state).toBe('AbortableError');
    const i = after.pipeline!.instances[0]!;
    expect([i.status, i.phase, i.generation, i.stage]).toEqual([
      'running',
      'unjoined',
      -1,
      'txn-offset-commit',
    ]);
    expect(after.pipeline!.group.pending).toEqual([]);
    expect(message).toBe(
      `${request}; answered UnknownMemberId: CommitFailedException, the transaction must abort`,
    );
    expect(keys(after)).not.toContain(actionKey(commit));
  });

  it('TxnOffsetCommit after the coordinator fenced the epoch (transaction.timeout.ms) is ProducerFencedException: the instance closes (KIP-890 verification)', () => {
    // Expected: the producer is closed (crashed, its attempt unknown), the instance stopped, nothing pending.
    const fenced = runActions(
      config,
      [
        { type: 'PauseConsumer', consumer: 0 },
        { type: 'AbortTimedOutTransaction', producer: 1 },
        { type: 'WakeConsumer', consumer: 0 },
      ],
      offsetsAdded,
    );
    const { after, message } = commitAndTell(fenced);
    expect(after.producers[1]!.status).toBe('crashed');
    expect(after.attempts[1]).toEqual(['unknown']);
    expect(after.pipeline!.instances[0]!.status).toBe('stopped');
    expect(after.pipeline!.group.pending).toEqual([]);
    expect(message).toBe(
      `${request}; answered INVALID_PRODUCER_EPOCH: ProducerFencedException, the instance closes`,
    );
  });

  it('TxnOffsetCommit for offsets not in the ongoing transaction is TRANSACTION_ABORTABLE: the transaction aborts, the member keeps its generation (KIP-890)', () => {
    // Expected: AbortableError, the instance unchanged (stable in generation 1), nothing pending. The state is forged: the coordinator has no AddOffsetsToTxn.
    const t = offsetsAdded.transactions[1]!;
    const notAdded: State = {
      ...offsetsAdded,
      transactions: [offsetsAdded.transactions[0]!, { ...t, groupOffsets: 'none' }],
    };
    const { after, message } = commitAndTell(notAdded);
    expect(after.producers[1]!.transaction!.state).toBe('AbortableError');
    expect(after.pipeline!.instances[0]).toEqual(offsetsAdded.pipeline!.instances[0]);
    expect(after.pipeline!.group.pending).toEqual([]);
    expect(message).toBe(
      `${request}; answered TRANSACTION_ABORTABLE: the offsets are not in the ongoing transaction, which must abort`,
    );
    expect(keys(after)).not.toContain(actionKey(commit));
  });

  it('TxnOffsetCommit is not sent once the transaction is in ABORTABLE_ERROR (TransactionManager.sendOffsetsToTransaction)', () => {
    // Expected: the output batch expiring puts the transaction in AbortableError, and TxnOffsetCommit is no longer enabled.
    const failed = runActions(config, [expireOutput], offsetsAdded);
    expect(failed.producers[1]!.transaction!.state).toBe('AbortableError');
    expect(failed.pipeline!.instances[0]!.stage).toBe('txn-offset-commit');
    expect(keys(failed)).not.toContain(actionKey(commit));
  });
});

describe('AddOffsetsToTxn', () => {
  it('sendOffsetsToTransaction sends no AddOffsetsToTxn once the transaction is in ABORTABLE_ERROR (TransactionManager.sendOffsetsToTransaction)', () => {
    // Expected: enabled while InTransaction; not after the output batch expired.
    const send: Action = { type: 'SendAddOffsetsToTxn', consumer: 0 };
    expect(keys(processed)).toContain(actionKey(send));
    const failed = runActions(config, [expireOutput], processed);
    expect(failed.producers[1]!.transaction!.state).toBe('AbortableError');
    expect(failed.pipeline!.instances[0]!.stage).toBe('add-offsets');
    expect(keys(failed)).not.toContain(actionKey(send));
  });
});
