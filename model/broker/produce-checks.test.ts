// The partition leader's produce checks (Kafka's ReplicaManager.appendRecords and
// ProducerStateManager), asked directly of produceToLeader with forged ProduceRequests against a
// one-broker cluster whose log holds one idempotent batch (sequences 0-1 of PID 0, epoch 0).
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config.ts';
import type { ProduceRequest, ProducerBatch, RecordRef, State } from '../state.ts';
import {
  configWith,
  noFaults,
  oneBrokerTransactionConfig,
  produceRequest,
  runActions,
  txnProducerSendsFirstRecord,
  withTransactionVersion2,
} from '../testing.ts';
import { type Answer, produceToLeader } from './produce-checks.ts';

const p0 = { producer: 0 } as const;

const idempotentConfig: ModelConfig = configWith({
  brokers: 1,
  replicationFactor: 1,
  batchSize: 2,
  records: 3,
  faults: noFaults,
});

/** PID 0's first batch, sequences 0 and 1, appended at offset 0 of partition 0. */
const appended: State = runActions(idempotentConfig, [
  { type: 'InitProducerId', ...p0 },
  { type: 'Send', ...p0 },
  { type: 'Send', ...p0 },
  { type: 'SendProduce', ...p0, partition: 0 },
  { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
]);
const records: readonly RecordRef[] = appended.partitions[0]!.replicas[0]!.log[0]!.records;

const request = (fields: Partial<ProducerBatch>): ProduceRequest => produceRequest(records, fields);

/** The error of an answered request, or 'None' with whether it was a duplicate, or the answer's kind. */
function outcome(answer: Answer): string {
  if (answer.kind === 'respond') return answer.result.error;
  if (answer.kind === 'park') return answer.pending.duplicate ? 'parked duplicate' : 'parked';
  return answer.kind;
}

describe('produceToLeader: the idempotent producer checks (ProducerAppendInfo)', () => {
  it('the appended fixture holds one batch of two records at sequence 0', () => {
    // Expected: the fixture's log is what the tests below assume.
    const log = appended.partitions[0]!.replicas[0]!.log;
    expect(log.map((b) => [b.producerId, b.producerEpoch, b.baseSequence, b.records.length])).toEqual([
      [0, 0, 0, 2],
    ]);
  });

  it('a retry of the same batch (same base and last sequence) is a duplicate answered with the original offset (ProducerStateManager.findDuplicateBatch)', () => {
    // Expected: no second append; the parked answer is marked duplicate with base offset 0.
    const { state, answer } = produceToLeader(idempotentConfig, appended, 0, request({}));
    expect(answer.kind === 'park' && [answer.pending.duplicate, answer.pending.baseOffset]).toEqual([
      true,
      0,
    ]);
    expect(state.partitions[0]!.replicas[0]!.log.length).toBe(1);
  });

  it('a batch with the cached base sequence but another last sequence is no duplicate: OUT_OF_ORDER_SEQUENCE_NUMBER (ProducerAppendInfo.checkSequence)', () => {
    // Expected: base 0 with one record matches no cached batch, and 0 is not the expected sequence 2.
    const { state, answer } = produceToLeader(
      idempotentConfig,
      appended,
      0,
      request({ records: records.slice(0, 1) }),
    );
    expect(outcome(answer)).toBe('OutOfOrderSequence');
    expect(state).toBe(appended);
  });

  it('the next batch of the epoch, at the sequence after the last, is appended, not taken for a duplicate (ProducerAppendInfo.checkSequence)', () => {
    // Expected: base sequence 2 is appended at offset 2 and parked for acks=all as a fresh batch.
    const { state, answer } = produceToLeader(idempotentConfig, appended, 0, request({ baseSequence: 2 }));
    expect(outcome(answer)).toBe('parked');
    expect(state.partitions[0]!.replicas[0]!.log.map((b) => b.baseOffset)).toEqual([0, 2]);
  });

  it('a new producer epoch must start at sequence 0: else OUT_OF_ORDER_SEQUENCE_NUMBER (ProducerAppendInfo.checkSequence)', () => {
    // Expected: epoch 1 at sequence 2 is refused, epoch 1 at sequence 0 is appended.
    const refused = produceToLeader(
      idempotentConfig,
      appended,
      0,
      request({ producerEpoch: 1, baseSequence: 2 }),
    );
    expect(outcome(refused.answer)).toBe('OutOfOrderSequence');
    expect(refused.state).toBe(appended);
    const accepted = produceToLeader(
      idempotentConfig,
      appended,
      0,
      request({ producerEpoch: 1, baseSequence: 0 }),
    );
    expect(outcome(accepted.answer)).toBe('parked');
  });

  it('a ProduceRequest with a lower producer epoch is refused with INVALID_PRODUCER_EPOCH (ProducerAppendInfo.checkProducerEpoch)', () => {
    // Expected: once epoch 1 is in the log, an epoch-0 batch is fenced.
    const bumped = produceToLeader(
      idempotentConfig,
      appended,
      0,
      request({ producerEpoch: 1, baseSequence: 0 }),
    ).state;
    const { state, answer } = produceToLeader(idempotentConfig, bumped, 0, request({ baseSequence: 2 }));
    expect(outcome(answer)).toBe('InvalidProducerEpoch');
    expect(state).toBe(bumped);
  });

  it('a ProduceRequest to a broker that is not the leader is refused with NOT_LEADER_OR_FOLLOWER (ReplicaManager.appendRecords)', () => {
    // Expected: broker 1 does not lead partition 0.
    const { state, answer } = produceToLeader(idempotentConfig, appended, 1, request({ baseSequence: 2 }));
    expect(outcome(answer)).toBe('NotLeaderOrFollower');
    expect(state).toBe(appended);
  });

  it('with acks=0 a refused request gets no response at all (KafkaApis.handleProduceRequest)', () => {
    // Expected: the leader answers nothing to an acks=0 request it refuses.
    const config = configWith({ ...idempotentConfig, acks: '0', enableIdempotence: false });
    const { answer } = produceToLeader(config, appended, 1, request({ producerId: -1, baseSequence: -1 }));
    expect(answer).toEqual({ kind: 'none' });
  });
});

describe('produceToLeader: transactional batches are verified first (KIP-890 part 1)', () => {
  const config = oneBrokerTransactionConfig(noFaults);
  const ready = runActions(config, txnProducerSendsFirstRecord);
  const t = ready.transactions[0]!;
  const txnRequest = (): ProduceRequest =>
    request({
      records: [{ producer: 0, send: 0 }],
      producerId: t.producerId,
      producerEpoch: t.producerEpoch,
    });

  it('a transactional batch for a partition outside the Ongoing transaction is refused with INVALID_TXN_STATE (AddPartitionsToTxnManager verification)', () => {
    // Expected: the coordinator has no transaction open on partition 0, so nothing is appended.
    expect(t.state).not.toBe('Ongoing');
    const { state, answer } = produceToLeader(config, ready, 0, txnRequest());
    expect(outcome(answer)).toBe('InvalidTxnState');
    expect(state.partitions[0]!.replicas[0]!.log).toEqual([]);
  });

  it('a transactional batch of the Ongoing transaction is appended as transactional (ReplicaManager.appendRecords)', () => {
    // Expected: with partition 0 in the Ongoing transaction the batch is verified and appended.
    const ongoing: State = {
      ...ready,
      transactions: [{ ...t, state: 'Ongoing', partitions: 1 }],
    };
    const { state, answer } = produceToLeader(config, ongoing, 0, txnRequest());
    expect(outcome(answer)).toBe('parked');
    expect(state.partitions[0]!.replicas[0]!.log.map((b) => b.transactional)).toEqual([true]);
  });

  it('under transaction version 2 the leader adds the partition to the transaction itself (KIP-890 part 2)', () => {
    // Expected: the verified state, with partition 0 in an Ongoing transaction, is the one appended to.
    const v2 = withTransactionVersion2(config);
    const { state, answer } = produceToLeader(v2, ready, 0, txnRequest());
    expect(outcome(answer)).toBe('parked');
    expect([state.transactions[0]!.state, state.transactions[0]!.partitions]).toEqual(['Ongoing', 1]);
  });
});

describe('produceToLeader: min.insync.replicas', () => {
  const config = configWith({
    brokers: 2,
    replicationFactor: 2,
    minInsyncReplicas: 2,
    records: 1,
    faults: noFaults,
  });
  const initial = runActions(config, []);
  const shrunk: State = { ...initial, partitions: [{ ...initial.partitions[0]!, isr: [0] }] };
  const plain = request({ producerId: -1, baseSequence: -1, records: [{ producer: 0, send: 0 }] });

  it('acks=all with the ISR below min.insync.replicas is refused with NOT_ENOUGH_REPLICAS (Partition.appendRecordsToLeader)', () => {
    // Expected: nothing is appended.
    const { state, answer } = produceToLeader(config, shrunk, 0, plain);
    expect(outcome(answer)).toBe('NotEnoughReplicas');
    expect(state).toBe(shrunk);
  });

  it('min.insync.replicas binds only acks=all: acks=1 is appended with the ISR below it (Partition.appendRecordsToLeader)', () => {
    // Expected: the acks=1 batch is appended and answered at once.
    const acks1 = configWith({ ...config, acks: '1', enableIdempotence: false });
    const { state, answer } = produceToLeader(acks1, shrunk, 0, plain);
    expect(outcome(answer)).toBe('None');
    expect(state.partitions[0]!.replicas[0]!.log.length).toBe(1);
  });
});
