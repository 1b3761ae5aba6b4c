// The transaction coordinator handles a producer's requests in order (TransactionCoordinator
// handleAddPartitionsToTransaction, handleEndTransaction) and the producer reads the answers
// (TransactionManager); a zombie's EndTxn is fenced. One transactional producer, one broker.
import { describe, expect, it } from 'vitest';
import { actionKey } from '../../action.ts';
import type { ModelConfig } from '../../config.ts';
import { enabled, step } from '../../machine.ts';
import type { State } from '../../state.ts';
import {
  configWith,
  noFaults,
  oneBrokerTransactionConfig,
  runActions,
  txnProducerSendsFirstRecord,
} from '../../testing.ts';
import { handleEndTxnResponse } from '../producer/handle-end-txn-response.ts';
import { handleAddPartitionsToTxn } from './handle-add-partitions-to-txn.ts';
import { handleEndTxn } from './handle-end-txn.ts';

const config: ModelConfig = oneBrokerTransactionConfig({ ...noFaults, abort: 1, producerStall: 1, crash: 1 });
const p0 = { producer: 0 } as const;
const keys = (s: State) => enabled(config, s).map(actionKey);

/** Both records sent; AddPartitionsToTxn for partition 0 is queued at the coordinator. */
const addQueued = runActions(config, [
  ...txnProducerSendsFirstRecord,
  { type: 'Send', ...p0 },
  { type: 'SendAddPartitionsToTxn', ...p0 },
]);
const handleAdd = { type: 'HandleAddPartitionsToTxn', ...p0, broker: 0, from: 'connection' } as const;

describe('coordinator requests and answers', () => {
  it('only a transactional producer talks to a transaction coordinator (KafkaProducer without transactional.id)', () => {
    // Expected: no handler or response candidates without transactional.id; with it, one per connection and origin.
    const plain = configWith({ ...config, transactionalId: null });
    expect(handleEndTxn.candidates(plain)).toEqual([]);
    expect(handleEndTxnResponse.candidates(plain)).toEqual([]);
    expect(handleEndTxn.candidates(config)).toEqual([
      { type: 'HandleEndTxn', ...p0, broker: 0, from: 'connection' },
      { type: 'HandleEndTxn', ...p0, broker: 0, from: 'orphan' },
    ]);
    expect(handleEndTxnResponse.candidates(config)).toEqual([
      { type: 'HandleEndTxnResponse', ...p0, broker: 0 },
    ]);
  });

  it('AddPartitionsToTxn makes the transaction Ongoing and is answered with the PID and epoch (TransactionCoordinator.handleAddPartitionsToTransaction)', () => {
    // Expected: Ongoing at epoch 0; the story says the coordinator answers PID 0, epoch 0.
    expect(keys(addQueued)).toContain(actionKey(handleAdd));
    const after = step(config, addQueued, handleAdd);
    expect(after.transactions[0]!.state).toBe('Ongoing');
    expect(handleAddPartitionsToTxn.tell(config, addQueued, handleAdd, after)).toEqual({
      actor: 'coordinator on broker 0',
      message:
        'handles AddPartitionsToTxn(partitions 0, epoch 0): the transaction is Ongoing at epoch 0; answers PID 0, epoch 0',
    });
  });

  it("a zombie's EndTxn after the coordinator fenced its epoch is answered ProducerFenced: the instance closes (PrepareEpochFence, KIP-588)", () => {
    // Expected: the producer reads the fenced answer and is crashed; the story says it is fenced and closes.
    const response = { type: 'HandleEndTxnResponse', ...p0, broker: 0 } as const;
    const answered = runActions(
      config,
      [
        handleAdd,
        { type: 'HandleAddPartitionsToTxnResponse', ...p0, broker: 0 },
        { type: 'StallProducer', ...p0 },
        { type: 'AbortTimedOutTransaction', ...p0 },
        { type: 'WakeProducer', ...p0 },
        { type: 'AbortTransaction', ...p0 },
        { type: 'SendEndTxn', ...p0 },
        { type: 'HandleEndTxn', ...p0, broker: 0, from: 'connection' },
      ],
      addQueued,
    );
    const after = step(config, answered, response);
    expect(after.producers[0]!.status).toBe('crashed');
    expect(handleEndTxnResponse.tell(config, answered, response, after)).toEqual({
      actor: 'producer 0',
      message: 'reads the EndTxn answer: ProducerFenced; the instance is fenced and closes',
    });
  });
});
