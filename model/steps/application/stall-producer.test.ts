// A transactional application stalls inside its transaction past transaction.timeout.ms and later
// wakes (StallProducer, WakeProducer), and the coordinator's abort in between.
import { describe, expect, it } from 'vitest';
import { type Action, actionKey } from '../../action.ts';
import type { ModelConfig } from '../../config.ts';
import { enabled, step } from '../../machine.ts';
import { initialState, type State } from '../../state.ts';
import {
  configWith,
  exactlyOnceConfig,
  noFaults,
  oneBrokerTransactionConfig,
  runActions,
  txnProducerSendsFirstRecord,
} from '../../testing.ts';
import { type StallProducerAction, stallProducer } from './stall-producer.ts';
import { type WakeProducerAction, wakeProducer } from './wake-producer.ts';

const config: ModelConfig = oneBrokerTransactionConfig({ ...noFaults, producerStall: 2 });
const p0 = { producer: 0 } as const;
const stall: StallProducerAction = { type: 'StallProducer', ...p0 };
const wake: WakeProducerAction = { type: 'WakeProducer', ...p0 };
const keys = (s: State) => enabled(config, s).map(actionKey);

/** The producer has its PID and has sent record 0: its transaction is ongoing on the client. */
const inTransaction = runActions(config, [...txnProducerSendsFirstRecord]);
/** Record 0's partition is in the transaction at the coordinator (Ongoing there). */
const ongoing = runActions(
  config,
  [
    { type: 'SendAddPartitionsToTxn', ...p0 },
    { type: 'HandleAddPartitionsToTxn', ...p0, broker: 0, from: 'connection' },
    { type: 'HandleAddPartitionsToTxnResponse', ...p0, broker: 0 },
  ],
  inTransaction,
);

describe('StallProducer and WakeProducer', () => {
  it('only a transactional application stalls or wakes: transaction.timeout.ms applies to transactions (KafkaProducer, transaction.timeout.ms)', () => {
    // Expected: no candidates without transactional.id; one each for the producer with it.
    const plain = configWith({ ...config, transactionalId: null });
    expect(stallProducer.candidates(plain)).toEqual([]);
    expect(wakeProducer.candidates(plain)).toEqual([]);
    expect(stallProducer.candidates(config)).toEqual([stall]);
    expect(wakeProducer.candidates(config)).toEqual([wake]);
  });

  it('a producer stalls only inside its transaction, and only while running (transaction.timeout.ms)', () => {
    // Expected: not before InitTransactions completes; enabled InTransaction; once stalled, not again though budget remains.
    expect(keys(initialState(config))).not.toContain(actionKey(stall));
    expect(keys(inTransaction)).toContain(actionKey(stall));
    const stalled = step(config, inTransaction, stall);
    expect(stalled.producers[0]!.status).toBe('stalled');
    expect(stalled.faultsUsed.producerStall).toBe(1);
    expect(keys(stalled)).not.toContain(actionKey(stall));
    expect(keys(stalled)).toContain(actionKey(wake));
  });

  it('a producer that wakes before the coordinator timed its transaction out carries on with it (TransactionManager)', () => {
    // Expected: running again at epoch 0; the story says it carries on.
    const stalled = step(config, ongoing, stall);
    const woken = step(config, stalled, wake);
    expect(woken.producers[0]!.status).toBe('running');
    expect(wakeProducer.tell(config, stalled, wake, woken)).toEqual({
      actor: 'application 0',
      message: 'wakes and carries on with its transaction',
    });
  });

  it('a producer that wakes after the coordinator aborted its timed-out transaction is a zombie at a fenced epoch (TransactionCoordinator.abortTimedOutTransactions, PrepareEpochFence)', () => {
    // Expected: the coordinator bumped the epoch to 1; the producer still holds 0; the story calls it a zombie.
    const timedOut: Action = { type: 'AbortTimedOutTransaction', ...p0 };
    const fenced = runActions(config, [stall, timedOut], ongoing);
    expect([fenced.producers[0]!.producerEpoch, fenced.transactions[0]!.producerEpoch]).toEqual([0, 1]);
    const woken = step(config, fenced, wake);
    expect(wakeProducer.tell(config, fenced, wake, woken)).toEqual({
      actor: 'application 0',
      message: 'wakes as a zombie: it still holds epoch 0, the coordinator is at 1',
    });
  });

  it("the idempotent producer writing a pipeline's input has no transaction to stall in (KafkaProducer without transactional.id)", () => {
    // Expected: with stall budget left, a workload producer that has sent a record is not offered StallProducer.
    const app = configWith({ ...exactlyOnceConfig(), faults: { ...noFaults, producerStall: 1 } });
    const sent = runActions(app, [
      { type: 'Send', ...p0 },
      { type: 'InitProducerId', ...p0 },
    ]);
    expect(sent.producers[0]!.transaction).toBeNull();
    expect(enabled(app, sent).filter((a) => a.type === 'StallProducer')).toEqual([]);
  });
});
