// How the transactional producer reads its coordinator's answers (Kafka's TransactionManager
// response handlers), for the producer of oneBrokerTransactionConfig with two partitions, in its
// first transaction, the answer forged on its connection to broker 0.
import { describe, expect, it } from 'vitest';
import type { CoordinatorResponse, State } from '../state.ts';
import {
  configWith,
  noFaults,
  oneBrokerTransactionConfig,
  runActions,
  txnProducerSendsFirstRecord,
} from '../testing.ts';
import { coordinatorAnswered } from './client-responses.ts';

const config = configWith({ ...oneBrokerTransactionConfig(noFaults), partitions: 2 });
const ready = runActions(config, txnProducerSendsFirstRecord);

function answered(response: Partial<CoordinatorResponse>, aborting = false): State {
  const client = ready.producers[0]!;
  const producers = aborting
    ? [
        {
          ...client,
          transaction: { ...client.transaction!, state: 'AbortingTransaction' as const },
          partitions: client.partitions.map((pp, p) => (p === 0 ? { ...pp, rewriteSequences: true } : pp)),
        },
      ]
    : ready.producers;
  const full: CoordinatorResponse = {
    kind: 'EndTxn',
    error: 'None',
    producerId: 0,
    producerEpoch: 0,
    partitions: 0,
    ...response,
  };
  const connections = ready.connections.map((row, i) =>
    i === 0 ? row.map((c, b) => (b === 0 ? { ...c, responses: [full] } : c)) : row,
  );
  return coordinatorAnswered(config, { ...ready, producers, connections }, 0, 0);
}

describe('coordinatorAnswered', () => {
  it('a fatal answer closes the producer, a retriable one leaves it to retry (TransactionManager.TxnRequestHandler)', () => {
    // Expected: PRODUCER_FENCED on EndTxn closes the instance; CONCURRENT_TRANSACTIONS leaves it running in its transaction.
    expect(answered({ error: 'ProducerFenced' }).producers[0]!.status).toBe('crashed');
    const retried = answered({ error: 'ConcurrentTransactions' });
    expect([retried.producers[0]!.status, retried.producers[0]!.transaction!.state]).toEqual([
      'running',
      'InTransaction',
    ]);
  });

  it('KIP-360: an abort that left a sequence gap on any one partition bumps the epoch through InitProducerId before going on (TransactionManager.completeTransaction)', () => {
    // Expected: partition 0 alone asks for a rewrite, so the producer goes to Initializing, not Ready.
    expect(answered({}, true).producers[0]!.transaction!.state).toBe('Initializing');
  });

  it('an answer the client has no reaction for is a model bug, named, not taken as fatal', () => {
    // Expected: NOT_ENOUGH_REPLICAS on EndTxn throws with the error and the request named.
    expect(() => answered({ error: 'NotEnoughReplicas' })).toThrow(
      'model bug: no client reaction to NotEnoughReplicas on EndTxn',
    );
  });
});
