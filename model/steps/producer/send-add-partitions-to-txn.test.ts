// AddPartitionsToTxn under transaction version 1: a transactional producer with a batch for
// each of two partitions, on one broker.
import { describe, expect, it } from 'vitest';
import { type Action, actionKey } from '../../action.ts';
import { enabled } from '../../machine.ts';
import type { State } from '../../state.ts';
import { configWith, noFaults, runActions } from '../../testing.ts';

const p0 = { producer: 0 } as const;
const config = configWith({
  brokers: 1,
  replicationFactor: 1,
  partitions: 2,
  batchSize: 1,
  records: 2,
  transactionalId: 't',
  faults: { ...noFaults, deliveryTimeout: 1 },
});
const addPartitions: Action = { type: 'SendAddPartitionsToTxn', ...p0 };
const actions = (state: State) => enabled(config, state).map(actionKey);

describe('SendAddPartitionsToTxn', () => {
  it('AddPartitionsToTxn is not sent once the transaction is in ABORTABLE_ERROR: the client must abort (TransactionManager.maybeAddPartition)', () => {
    // Expected: enabled with both batches waiting; after partition 0's batch expires, partition 1's batch is still waiting but nothing is added.
    const open = runActions(config, [
      { type: 'SendInitProducerId', ...p0 },
      { type: 'HandleInitProducerId', ...p0, broker: 0, from: 'connection' },
      { type: 'HandleInitProducerIdResponse', ...p0, broker: 0 },
      { type: 'Send', ...p0 },
      { type: 'Send', ...p0 },
    ]);
    expect(actions(open)).toContain(actionKey(addPartitions));
    const failed = runActions(config, [{ type: 'ExpireBatch', ...p0, partition: 0 }], open);
    expect(failed.producers[0]!.transaction!.state).toBe('AbortableError');
    expect(failed.producers[0]!.transaction!.added).toBe(0);
    expect(failed.producers[0]!.partitions[1]!.accumulator.length).toBe(1);
    expect(actions(failed)).not.toContain(actionKey(addPartitions));
  });
});
