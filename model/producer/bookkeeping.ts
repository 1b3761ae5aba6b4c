/**
 * Reading and rewriting one producer's client state and its application's send history.
 */
import type { ModelConfig } from '../config.ts';
import { partitionOf } from '../config.ts';
import { replaceAt, updateAt } from '../immutable.ts';
import {
  initialRetries,
  type Producer,
  type ProducerBatch,
  type ProducerPartition,
  type RecordRef,
  type SendOutcome,
  type State,
} from '../state.ts';

export function producerAt(state: State, producer: number): Producer {
  const p = state.producers[producer];
  if (p === undefined) throw new RangeError(`no producer ${producer}`);
  return p;
}

export function withProducer(state: State, producer: number, next: Producer): State {
  return { ...state, producers: replaceAt(state.producers, producer, next) };
}

export function withProducerPartition(
  producer: Producer,
  partition: number,
  update: (p: ProducerPartition) => ProducerPartition,
): Producer {
  return { ...producer, partitions: updateAt(producer.partitions, partition, update) };
}

/** Records the outcome of every send in a batch, in the application's history. */
export function settleSends(
  state: State,
  records: readonly RecordRef[],
  outcome: (index: number) => SendOutcome,
): State {
  let sends = state.sends;
  records.forEach((ref, i) => {
    sends = updateAt(sends, ref.producer, (row) =>
      updateAt(row, ref.send, (s) => ({ ...s, outcome: outcome(i) })),
    );
  });
  return { ...state, sends };
}

/**
 * The application calls `send()`: the record joins the last batch of its partition if that batch
 * has never been sent and has room (`batch.size`), or starts a new batch.
 */
export function appendToAccumulator(
  config: ModelConfig,
  state: State,
  producer: number,
  record: number,
): State {
  return appendToPartition(config, state, producer, record, partitionOf(config, record));
}

/** As appendToAccumulator, to a partition chosen by the caller (an application's output topic). */
export function appendToPartition(
  config: ModelConfig,
  state: State,
  producer: number,
  record: number,
  partition: number,
): State {
  const ref: RecordRef = { producer, send: state.sends[producer]!.length };
  const client = producerAt(state, producer);
  const attempt = client.transaction?.attempt ?? -1;
  const sends = updateAt(state.sends, producer, (row) => [
    ...row,
    { record, partition, outcome: { status: 'pending' } as const, attempt },
  ]);
  const next = withProducerPartition(client, partition, (pp) => {
    const last = pp.accumulator[pp.accumulator.length - 1];
    if (
      last !== undefined &&
      last.baseSequence < 0 &&
      !last.inRetry &&
      last.records.length < config.batchSize
    ) {
      return {
        ...pp,
        accumulator: replaceAt(pp.accumulator, pp.accumulator.length - 1, {
          ...last,
          records: [...last.records, ref],
        }),
      };
    }
    const batch: ProducerBatch = {
      partition,
      records: [ref],
      producerId: -1,
      producerEpoch: -1,
      baseSequence: -1,
      inRetry: false,
      sequenceReset: false,
      retriesLeft: initialRetries(config),
    };
    return { ...pp, accumulator: [...pp.accumulator, batch] };
  });
  return withProducer({ ...state, sends }, producer, next);
}

/** This partition's batches out on the network that the producer still waits for. */
export function networkInFlight(producer: Producer, partition: number): readonly ProducerBatch[] {
  const found: ProducerBatch[] = [];
  for (const row of producer.inFlight) {
    for (const f of row) if (!f.expired && f.batch.partition === partition) found.push(f.batch);
  }
  return found;
}

/**
 * The batches Kafka's TransactionManager counts as in flight for a partition: sent at least once
 * and not yet completed or failed, whether out on the network or back in the accumulator for a retry.
 */
export function trackedInFlight(producer: Producer, partition: number): readonly ProducerBatch[] {
  const retries = producer.partitions[partition]!.accumulator.filter((b) => b.inRetry);
  return [...networkInFlight(producer, partition), ...retries];
}

/** Whether any request carrying this partition's records still awaits its answer, expired or not. */
export function hasInFlight(producer: Producer, partition: number): boolean {
  return producer.inFlight.some((row) => row.some((f) => f.batch.partition === partition));
}
