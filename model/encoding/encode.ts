/**
 * The State as bytes, for fingerprints and packed BFS levels. Every field of the state is written
 * as integers (see bytes.ts), within an object in the order the State type declares its fields
 * unless the layout below says otherwise. Strings become their code in codes.ts, booleans a byte
 * (or a bit of a flags byte), null a sentinel. The arrays whose length the configuration fixes
 * (brokers, partitions, producers, replicas, a producer's partitions and per-broker in-flight
 * lists, connections, and with transactions the transaction metadata and readers) are written
 * without a length; every other array is preceded by its length. The layout, top down:
 *
 * - per broker, one byte: up;
 * - nextProducerId, then the fault counters in `faultKinds` order (the four group ones only with a
 *   pipeline: without one they must be 0 and nothing is written);
 * - per partition: leader (nullable), leader epoch, the ISR, per replica its broker, log (each
 *   batch: base offset, leader epoch, producer id and epoch, base sequence, records; the records'
 *   count is written as count * 8 + control * 2 + transactional, control being 0 for a data batch
 *   and 1 + its code for a marker), log end offset, high watermark, flushed offset and leader
 *   epoch, then the follower end offsets;
 * - per producer: status, producer id (nullable), epoch, next record, per partition its
 *   accumulator, sequences and rewrite flag, per broker its in-flight batches (each with its
 *   expired byte), and when transactional its ClientTransaction (state, added partitions,
 *   awaited broker, attempt); a batch's inRetry and sequenceReset share a flags byte;
 * - per producer and broker, the connection: a flags byte (requests lost, responses lost,
 *   purgatory present), the requests, the parked request, the responses and the orphans; a
 *   request or response starts with its kind's code, then its kind's fields (a coordinator
 *   response: error, producer id and epoch, partitions);
 * - per producer, its sends: record, partition and outcome, the outcome's status code written as
 *   status + 3 * (attempt + 1) (so without transactions, attempt -1, it is the bare status);
 * - only when transactional (`isTransactional`: otherwise these lists must be empty and nothing is
 *   written): per producer its TransactionMetadata (producer id and epoch, state, partitions,
 *   pending markers, coordinator and its epoch), per partition its reader (position, returned
 *   records as offset and record reference), per producer its attempts' outcomes;
 * - only with a pipeline (consumer group): its part, as pipeline.ts lays it out.
 *
 * A record reference is its producer and send index. The encoding is a prefix code, so equal
 * states give equal bytes and different states different bytes, whatever schedule built them.
 * Renaming producers (for symmetry) is done while writing: producer slots (producers,
 * connections, sends, transaction metadata, attempts) are written in the renamed order and every
 * record reference's producer is renamed, with no state built. Without a renaming, each replica,
 * producer, connection and sends row is a slot whose last bytes are reused while its object is
 * the same (slots.ts).
 */
import { isTransactional, type ModelConfig, replicaBrokers, writesOutputTopic } from '../config.ts';
import { perConfig } from '../per-config.ts';
import type {
  ClientTransaction,
  Connection,
  KafkaError,
  LogBatch,
  Partition,
  Producer,
  ProducerBatch,
  Reader,
  RecordRef,
  Replica,
  Request,
  Response,
  Send,
  State,
  TransactionMetadata,
} from '../state.ts';
import { ByteWriter } from './bytes.ts';
import {
  attemptOutcomes,
  clientTransactionStates,
  codeOf,
  controlTypes,
  groupOffsetsInTxn,
  kafkaErrors,
  NO_ERROR,
  producerStatuses,
  requestKinds,
  sendStatuses,
  transactionStates,
} from './codes.ts';
import { encodePipeline } from './pipeline.ts';
import { type Slot, type Slots, slotsFor } from './slots.ts';

function replicaCounts(config: ModelConfig): number[] {
  return Array.from({ length: config.partitions }, (_, p) => replicaBrokers(config, p).length);
}

function fixed<T>(items: readonly T[], length: number, what: string): readonly T[] {
  if (items.length !== length)
    throw new RangeError(`${what}: ${items.length} items, the config says ${length}`);
  return items;
}

const REPLICA = 0;
const PRODUCER = 1;
const CONNECTION = 2;
const SENDS = 3;
type SlotKind = typeof REPLICA | typeof PRODUCER | typeof CONNECTION | typeof SENDS;

/** Writes states into one reused buffer; each result is valid until the next `encode`. */
export class StateEncoder {
  private readonly out = new ByteWriter();
  /** Producer renaming of the encoding under way: `to[p]` is producer p's new index. */
  private to: readonly number[] = [];
  private readonly identity: readonly number[];
  private readonly replicas: readonly number[];
  private readonly transactional: boolean;
  /** Sends name their input record: the application writes to an output topic. */
  private readonly outputs: boolean;

  /** `slots`, shared with a decoder, lets decoding prime them (see slots.ts). */
  constructor(
    private readonly config: ModelConfig,
    readonly slots: Slots = slotsFor(replicaCounts(config), config.producers, config.brokers),
  ) {
    this.identity = Array.from({ length: config.producers }, (_, p) => p);
    this.replicas = replicaCounts(config);
    this.transactional = isTransactional(config);
    this.outputs = writesOutputTopic(config);
  }

  /** The state's bytes, with producer p written as `to[p]` when a renaming is given. */
  encode(state: State, to: readonly number[] = this.identity): Uint8Array {
    const { config, out } = this;
    this.to = to;
    out.reset();
    for (const broker of fixed(state.brokers, config.brokers, 'brokers')) out.byte(broker.up ? 1 : 0);
    out.int(state.nextProducerId);
    const f = state.faultsUsed;
    out.int(f.crash);
    out.int(f.powerLoss);
    out.int(f.network);
    out.int(f.deliveryTimeout);
    out.int(f.isr);
    out.int(f.producerRestart);
    out.int(f.abort);
    out.int(f.producerStall);
    out.int(f.coordinatorMove);
    if (config.pipeline !== null) {
      out.int(f.consumerCrash);
      out.int(f.consumerPause);
      out.int(f.rebalance);
      out.int(f.groupCoordinatorMove);
    } else if (f.consumerCrash + f.consumerPause + f.rebalance + f.groupCoordinatorMove !== 0) {
      throw new RangeError('faultsUsed: group faults counted, the config has no pipeline');
    }
    const partitions = fixed(state.partitions, config.partitions, 'partitions');
    const slots = to === this.identity ? this.slots : null;
    for (let p = 0; p < partitions.length; p++) {
      this.partition(partitions[p]!, this.replicas[p]!, slots?.replicas[p]);
    }
    const producers = fixed(state.producers, config.producers, 'producers');
    const connections = fixed(state.connections, config.producers, 'connection rows');
    const sends = fixed(state.sends, config.producers, 'send rows');
    const from = this.inverse(to);
    for (const p of from) this.slotted(slots?.producers[p], producers[p]!, PRODUCER);
    for (const p of from) {
      const row = fixed(connections[p]!, config.brokers, 'connections');
      for (let b = 0; b < row.length; b++) this.slotted(slots?.connections[p]?.[b], row[b]!, CONNECTION);
    }
    for (const p of from) this.slotted(slots?.sends[p], sends[p]!, SENDS);
    this.transactionState(state, from);
    if (config.pipeline !== null) {
      encodePipeline(out, config.pipeline, config.pipeline.inputPartitions, state.pipeline, (refs) =>
        this.refEntries(refs),
      );
    } else if (state.pipeline !== undefined) {
      throw new RangeError('pipeline: present, the config has none');
    }
    return out.view();
  }

  /** The transaction metadata, readers and attempts: nothing without transactions, where they are empty. */
  private transactionState(state: State, from: readonly number[]): void {
    const { config, out } = this;
    const attempts = fixed(state.attempts, config.producers, 'attempt rows');
    if (!this.transactional) {
      fixed(state.transactions, 0, 'transactions');
      fixed(state.readers, 0, 'readers');
      for (const row of attempts) fixed(row, 0, 'attempts');
      return;
    }
    const transactions = fixed(state.transactions, config.producers, 'transactions');
    for (const p of from) this.transaction(transactions[p]!);
    for (const reader of fixed(state.readers, config.partitions, 'readers')) this.reader(reader);
    for (const p of from) {
      const row = attempts[p]!;
      out.unsigned(row.length);
      for (const outcome of row) out.byte(codeOf(attemptOutcomes, outcome));
    }
  }

  private transaction(t: TransactionMetadata): void {
    const { out } = this;
    out.int(t.producerId);
    out.int(t.producerEpoch);
    out.byte(codeOf(transactionStates, t.state));
    out.unsigned(t.partitions);
    out.unsigned(t.pendingMarkers.length);
    for (const m of t.pendingMarkers) {
      out.unsigned(m.partition);
      out.int(m.offset);
      out.int(m.leaderEpoch);
    }
    out.unsigned(t.coordinator);
    out.int(t.coordinatorEpoch);
    if (this.config.pipeline !== null) out.byte(codeOf(groupOffsetsInTxn, t.groupOffsets));
    else if (t.groupOffsets !== 'none')
      throw new RangeError('transaction: group offsets, the config has no pipeline');
  }

  private reader(reader: Reader): void {
    const { out, to } = this;
    out.int(reader.position);
    out.unsigned(reader.returned.length);
    for (const r of reader.returned) {
      out.int(r.offset);
      out.unsigned(to[r.ref.producer]!);
      out.unsigned(r.ref.send);
    }
  }

  /** Writes one slot's object: its remembered bytes when it is the same object, else anew. */
  private slotted(slot: Slot | undefined, object: object, kind: SlotKind): void {
    const out = this.out;
    if (slot !== undefined && slot.object === object) {
      out.copy(slot.bytes, slot.length);
      return;
    }
    const from = out.length;
    if (kind === REPLICA) this.replica(object as Replica);
    else if (kind === PRODUCER) this.producer(object as Producer);
    else if (kind === CONNECTION) this.connection(object as Connection);
    else this.sends(object as readonly Send[]);
    slot?.remember(object, out.bytes, from, out.length);
  }

  private inverse(to: readonly number[]): readonly number[] {
    if (to === this.identity) return to;
    const from: number[] = [];
    to.forEach((n, p) => {
      from[n] = p;
    });
    return from;
  }

  private refs(records: readonly RecordRef[]): void {
    this.out.unsigned(records.length);
    this.refEntries(records);
  }

  /** The references without their count. */
  private refEntries(records: readonly RecordRef[]): void {
    const { out, to } = this;
    for (const r of records) {
      out.unsigned(to[r.producer]!);
      out.unsigned(r.send);
    }
  }

  private partition(partition: Partition, replicas: number, slots: readonly Slot[] | undefined): void {
    const { out } = this;
    out.nullableInt(partition.leader);
    out.int(partition.leaderEpoch);
    out.unsigned(partition.isr.length);
    for (const b of partition.isr) out.unsigned(b);
    const rs = fixed(partition.replicas, replicas, 'replicas');
    for (let i = 0; i < rs.length; i++) this.slotted(slots?.[i], rs[i]!, REPLICA);
    for (const offset of fixed(partition.followerEndOffsets, replicas, 'follower end offsets'))
      out.int(offset);
  }

  private replica(r: Replica): void {
    const { out } = this;
    out.unsigned(r.broker);
    out.unsigned(r.log.length);
    for (const batch of r.log) this.logBatch(batch);
    out.int(r.logEndOffset);
    out.int(r.highWatermark);
    out.int(r.flushedOffset);
    out.int(r.leaderEpoch);
  }

  private logBatch(batch: LogBatch): void {
    const { out } = this;
    out.int(batch.baseOffset);
    out.int(batch.leaderEpoch);
    out.int(batch.producerId);
    out.int(batch.producerEpoch);
    out.int(batch.baseSequence);
    const control = batch.control === null ? 0 : 1 + codeOf(controlTypes, batch.control);
    out.unsigned(batch.records.length * 8 + control * 2 + (batch.transactional ? 1 : 0));
    this.refEntries(batch.records);
  }

  private batch(batch: ProducerBatch): void {
    const { out } = this;
    out.unsigned(batch.partition);
    this.refs(batch.records);
    out.int(batch.producerId);
    out.int(batch.producerEpoch);
    out.int(batch.baseSequence);
    out.byte((batch.inRetry ? 1 : 0) | (batch.sequenceReset ? 2 : 0));
    out.nullableInt(batch.retriesLeft);
  }

  private producer(producer: Producer): void {
    const { out, config } = this;
    out.byte(codeOf(producerStatuses, producer.status));
    out.nullableInt(producer.producerId);
    out.int(producer.producerEpoch);
    out.int(producer.nextRecord);
    for (const pp of fixed(producer.partitions, config.partitions, 'producer partitions')) {
      out.unsigned(pp.accumulator.length);
      for (const batch of pp.accumulator) this.batch(batch);
      out.int(pp.nextSequence);
      out.int(pp.lastAckedSequence);
      out.int(pp.sequenceEpoch);
      out.int(pp.unresolvedSequence);
      out.byte(pp.rewriteSequences ? 1 : 0);
    }
    for (const inFlight of fixed(producer.inFlight, config.brokers, 'in-flight lists')) {
      out.unsigned(inFlight.length);
      for (const f of inFlight) {
        this.batch(f.batch);
        out.byte(f.expired ? 1 : 0);
      }
    }
    const t = producer.transaction;
    // With a pipeline only some producers are transactional: each says whether it is.
    if (this.config.pipeline !== null) out.byte(t === null ? 0 : 1);
    else if (this.transactional !== (t !== null)) {
      throw new RangeError(
        `producer transaction ${t === null ? 'missing' : 'present'}, the config says otherwise`,
      );
    }
    if (t !== null) this.clientTransaction(t);
  }

  private clientTransaction(t: ClientTransaction): void {
    const { out } = this;
    out.byte(codeOf(clientTransactionStates, t.state));
    out.unsigned(t.added);
    out.int(t.awaiting);
    out.int(t.attempt);
  }

  private request(request: Request): void {
    const { out } = this;
    out.byte(codeOf(requestKinds, request.kind));
    switch (request.kind) {
      case 'Produce':
        this.batch(request.batch);
        break;
      case 'InitProducerId':
        break;
      case 'AddPartitionsToTxn':
        out.int(request.producerId);
        out.int(request.producerEpoch);
        out.unsigned(request.partitions);
        break;
      case 'EndTxn':
        out.int(request.producerId);
        out.int(request.producerEpoch);
        out.byte(request.commit ? 1 : 0);
        break;
      case 'AddOffsetsToTxn':
        out.int(request.producerId);
        out.int(request.producerEpoch);
        break;
    }
  }

  /** An error or `None` as NO_ERROR, else 1 + its code. */
  private error(error: KafkaError | 'None'): void {
    this.out.byte(error === 'None' ? NO_ERROR : 1 + codeOf(kafkaErrors, error));
  }

  private requests(requests: readonly Request[]): void {
    this.out.unsigned(requests.length);
    for (const r of requests) this.request(r);
  }

  private response(response: Response): void {
    const { out } = this;
    out.byte(codeOf(requestKinds, response.kind));
    if (response.kind !== 'Produce') {
      this.error(response.error);
      out.int(response.producerId);
      out.int(response.producerEpoch);
      out.unsigned(response.partitions);
      return;
    }
    out.unsigned(response.partition);
    out.int(response.baseSequence);
    const result = response.result;
    if (result.error === 'None') {
      out.byte(NO_ERROR);
      out.int(result.baseOffset);
      out.byte(result.duplicate ? 1 : 0);
    } else {
      out.byte(1 + codeOf(kafkaErrors, result.error));
    }
  }

  private connection(c: Connection): void {
    const { out } = this;
    out.byte((c.requestsLost ? 1 : 0) | (c.responsesLost ? 2 : 0) | (c.purgatory !== null ? 4 : 0));
    this.requests(c.requests);
    if (c.purgatory !== null) {
      this.request(c.purgatory.request);
      out.int(c.purgatory.baseOffset);
      out.int(c.purgatory.requiredOffset);
      out.byte(c.purgatory.duplicate ? 1 : 0);
    }
    out.unsigned(c.responses.length);
    for (const r of c.responses) this.response(r);
    this.requests(c.orphans);
  }

  private sends(sends: readonly Send[]): void {
    const { out } = this;
    out.unsigned(sends.length);
    for (const s of sends) {
      out.int(s.record);
      out.unsigned(s.partition);
      const outcome = s.outcome;
      if (!(s.attempt >= -1 && Number.isInteger(s.attempt))) throw new RangeError(`bad attempt ${s.attempt}`);
      out.unsigned(codeOf(sendStatuses, outcome.status) + sendStatuses.length * (s.attempt + 1));
      if (outcome.status === 'acknowledged') out.int(outcome.offset);
      else if (outcome.status === 'failed') out.byte(codeOf(kafkaErrors, outcome.error));
      if (this.outputs) {
        out.byte(s.input === undefined ? 0 : 1);
        if (s.input !== undefined) this.refEntries([s.input]);
      } else if (s.input !== undefined) {
        throw new RangeError('send: an input record named, the config has no topic sink');
      }
    }
  }
}

const encoderOf = perConfig((config: ModelConfig) => new StateEncoder(config));

/** The state's bytes, in a buffer reused per configuration: valid until the next call. */
export function encodeState(config: ModelConfig, state: State): Uint8Array {
  return encoderOf(config).encode(state);
}
