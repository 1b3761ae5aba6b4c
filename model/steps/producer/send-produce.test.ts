// SendProduce: the Sender draining a partition's oldest batch into a ProduceRequest, under Kafka's
// rules for in-flight requests, idempotent sequences across an epoch bump (KIP-360) and
// transactions (KIP-890). One broker leads every partition.
import { describe, expect, it } from 'vitest';
import { type Action, actionKey } from '../../action.ts';
import { defaultConfig, type ModelConfig } from '../../config.ts';
import { enabled } from '../../machine.ts';
import type { State } from '../../state.ts';
import { configWith, noFaults, runActions } from '../../testing.ts';

const p0 = { producer: 0 } as const;
const send: Action = { type: 'Send', ...p0 };
const sendProduce = (partition: number): Action => ({ type: 'SendProduce', ...p0, partition });
const keys = (config: ModelConfig, state: State) => enabled(config, state).map(actionKey);

describe('SendProduce', () => {
  it('max.in.flight.requests.per.connection caps the requests awaiting an answer on a connection (NetworkClient.canSendRequest)', () => {
    // Expected: with a cap of 2, partition 0's second batch waits while two requests to broker 0 are out.
    const config = configWith({
      brokers: 1,
      replicationFactor: 1,
      partitions: 2,
      batchSize: 1,
      records: 3,
      maxInFlightRequestsPerConnection: 2,
      faults: noFaults,
    });
    const oneOut = runActions(config, [{ type: 'InitProducerId', ...p0 }, send, send, send, sendProduce(0)]);
    expect(keys(config, oneOut)).toContain(actionKey(sendProduce(0)));
    const twoOut = runActions(config, [sendProduce(1)], oneOut);
    expect(twoOut.producers[0]!.inFlight[0]!.length).toBe(2);
    expect(twoOut.producers[0]!.partitions[0]!.accumulator.length).toBe(1);
    expect(keys(config, twoOut)).not.toContain(actionKey(sendProduce(0)));
  });

  describe('an idempotent producer after a KIP-360 epoch bump for a gap on partition 0, partition 1 with an epoch-0 batch in flight', () => {
    const config = configWith({
      brokers: 1,
      replicationFactor: 1,
      partitions: 2,
      batchSize: 1,
      records: 4,
      faults: { ...noFaults, network: 1, deliveryTimeout: 1 },
    });
    // Partition 0's first batch times out and expires after a retry: its sequence gap is real.
    const beforeBump = runActions(config, [
      { type: 'InitProducerId', ...p0 },
      send,
      send,
      send,
      send,
      sendProduce(0),
      { type: 'RequestTimeout', ...p0, broker: 0 },
      { type: 'ExpireBatch', ...p0, partition: 0 },
      sendProduce(1),
    ]);
    const bumped = runActions(config, [{ type: 'BumpProducerEpoch', ...p0 }], beforeBump);
    const answered = runActions(
      config,
      [
        { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
        { type: 'HandleProduceResponse', ...p0, broker: 0 },
      ],
      bumped,
    );

    it('KIP-360: the bump renumbers only the partition with the gap; partition 1 keeps epoch 0 and its sequences (TransactionManager.bumpIdempotentEpochAndResetIdIfNeeded)', () => {
      // Expected: epoch 1; partition 0 restarts at sequence 0 of epoch 1, partition 1 is left as it was.
      expect(beforeBump.producers[0]!.partitions[0]!.rewriteSequences).toBe(true);
      expect(bumped.producers[0]!.producerEpoch).toBe(1);
      const [first, second] = bumped.producers[0]!.partitions;
      expect([first!.sequenceEpoch, first!.nextSequence, first!.rewriteSequences]).toEqual([1, 0, false]);
      expect(second).toEqual(beforeBump.producers[0]!.partitions[1]);
      expect([second!.sequenceEpoch, second!.nextSequence]).toEqual([0, 1]);
    });

    it('KIP-360: the epoch bump waits until no partition needing it has a request on the wire (the model waits where Kafka may not)', () => {
      // Expected: with partition 1 also flagged (forged) while its epoch-0 batch is out, no bump, though partition 0 is idle.
      const client = beforeBump.producers[0]!;
      const bothFlagged: State = {
        ...beforeBump,
        producers: [
          {
            ...client,
            partitions: [client.partitions[0]!, { ...client.partitions[1]!, rewriteSequences: true }],
          },
        ],
      };
      const bump = actionKey({ type: 'BumpProducerEpoch', ...p0 });
      expect(keys(config, beforeBump)).toContain(bump);
      expect(keys(config, bothFlagged)).not.toContain(bump);
    });

    it('a new batch waits while batches of an older epoch of its partition are in flight (RecordAccumulator.shouldStopDrainBatchesForPartition)', () => {
      // Expected: partition 1's new batch cannot go while its epoch-0 batch is out; once it is answered, it can.
      expect(keys(config, bumped)).not.toContain(actionKey(sendProduce(1)));
      expect(answered.producers[0]!.partitions[1]!.lastAckedSequence).toBe(0);
      expect(keys(config, answered)).toContain(actionKey(sendProduce(1)));
    });

    it('an idle partition adopts the bumped epoch from sequence 0 with its next batch (TransactionManager.maybeUpdateProducerIdAndEpoch)', () => {
      // Expected: the batch goes as sequence 0 of epoch 1; the partition's sequences restart (next 1, nothing acknowledged).
      const sent = runActions(config, [sendProduce(1)], answered);
      const batch = sent.producers[0]!.inFlight[0]!.at(-1)!.batch;
      expect([batch.partition, batch.producerEpoch, batch.baseSequence]).toEqual([1, 1, 0]);
      const pp = sent.producers[0]!.partitions[1]!;
      expect([pp.sequenceEpoch, pp.nextSequence, pp.lastAckedSequence]).toEqual([1, 1, -1]);
    });
  });

  it('under transaction version 2 the first batch to a partition adds it to the transaction, with no AddPartitionsToTxn (KIP-890 part 2)', () => {
    // Expected: the client's transaction holds partition 0, then partitions 0 and 1, still InTransaction.
    const config = configWith({
      brokers: 1,
      replicationFactor: 1,
      partitions: 2,
      batchSize: 1,
      records: 2,
      transactionalId: 't',
      faults: noFaults,
      variants: { ...defaultConfig.variants, transactionVersion: '2' },
    });
    const open = runActions(config, [
      { type: 'SendInitProducerId', ...p0 },
      { type: 'HandleInitProducerId', ...p0, broker: 0, from: 'connection' },
      { type: 'HandleInitProducerIdResponse', ...p0, broker: 0 },
      send,
      send,
    ]);
    expect(open.producers[0]!.transaction!.added).toBe(0);
    const first = runActions(config, [sendProduce(0)], open);
    expect(first.producers[0]!.transaction).toEqual({ ...open.producers[0]!.transaction!, added: 0b01 });
    const both = runActions(config, [sendProduce(1)], first);
    expect(both.producers[0]!.transaction).toEqual({ ...open.producers[0]!.transaction!, added: 0b11 });
  });
});
