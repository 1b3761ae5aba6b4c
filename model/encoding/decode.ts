/**
 * The inverse of encode.ts: a State back from its bytes, with the configuration giving the
 * lengths the encoding leaves out. Objects are built with their keys in the order the State type
 * declares them (the order the model builds them in), so a decoded state's JSON is the original's.
 */
import { type ModelConfig, replicaBrokers } from '../config.ts';
import type {
  Connection,
  FaultsUsed,
  InFlightBatch,
  LogBatch,
  Partition,
  PendingProduce,
  ProduceRequest,
  ProduceResponse,
  ProduceResult,
  Producer,
  ProducerBatch,
  ProducerPartition,
  RecordRef,
  Replica,
  Send,
  SendOutcome,
  State,
} from '../state.ts';
import { ByteReader } from './bytes.ts';
import { kafkaErrors, memberOf, NO_ERROR, producerStatuses, requestKinds, sendStatuses } from './codes.ts';
import type { Slot, Slots } from './slots.ts';

function times<T>(n: number, item: (i: number) => T): T[] {
  const items: T[] = [];
  for (let i = 0; i < n; i++) items.push(item(i));
  return items;
}

function list<T>(r: ByteReader, item: () => T): T[] {
  return times(r.unsigned(), item);
}

function refs(r: ByteReader): RecordRef[] {
  return list(r, () => ({ producer: r.unsigned(), send: r.unsigned() }));
}

/** Reads one slot's object, and primes the slot with it and its bytes when there is one. */
function slotted<T>(r: ByteReader, bytes: Uint8Array, slot: Slot | undefined, read: () => T): T {
  const from = r.offset;
  const object = read();
  slot?.remember(object, bytes, from, r.offset);
  return object;
}

function logBatch(r: ByteReader): LogBatch {
  return {
    baseOffset: r.int(),
    leaderEpoch: r.int(),
    producerId: r.int(),
    producerEpoch: r.int(),
    baseSequence: r.int(),
    records: refs(r),
  };
}

function replica(r: ByteReader): Replica {
  return {
    broker: r.unsigned(),
    log: list(r, () => logBatch(r)),
    logEndOffset: r.int(),
    highWatermark: r.int(),
    flushedOffset: r.int(),
    leaderEpoch: r.int(),
  };
}

function partition(r: ByteReader, replicas: number, bytes: Uint8Array, slots?: readonly Slot[]): Partition {
  return {
    leader: r.nullableInt(),
    leaderEpoch: r.int(),
    isr: list(r, () => r.unsigned()),
    replicas: times(replicas, (i) => slotted(r, bytes, slots?.[i], () => replica(r))),
    followerEndOffsets: times(replicas, () => r.int()),
  };
}

function batch(r: ByteReader): ProducerBatch {
  const partition = r.unsigned();
  const records = refs(r);
  const producerId = r.int();
  const producerEpoch = r.int();
  const baseSequence = r.int();
  const flags = r.byte();
  if (flags > 3) throw new RangeError(`bad batch flags ${flags}`);
  return {
    partition,
    records,
    producerId,
    producerEpoch,
    baseSequence,
    inRetry: (flags & 1) !== 0,
    sequenceReset: (flags & 2) !== 0,
    retriesLeft: r.nullableInt(),
  };
}

function producerPartition(r: ByteReader): ProducerPartition {
  return {
    accumulator: list(r, () => batch(r)),
    nextSequence: r.int(),
    lastAckedSequence: r.int(),
    sequenceEpoch: r.int(),
    unresolvedSequence: r.int(),
    rewriteSequences: r.bool(),
  };
}

function producer(r: ByteReader, config: ModelConfig): Producer {
  return {
    status: memberOf(producerStatuses, r.byte()),
    producerId: r.nullableInt(),
    producerEpoch: r.int(),
    nextRecord: r.int(),
    partitions: times(config.partitions, () => producerPartition(r)),
    inFlight: times(config.brokers, () =>
      list(r, (): InFlightBatch => ({ batch: batch(r), expired: r.bool() })),
    ),
  };
}

function request(r: ByteReader): ProduceRequest {
  return { kind: memberOf(requestKinds, r.byte()), batch: batch(r) };
}

function result(r: ByteReader): ProduceResult {
  const code = r.byte();
  if (code === NO_ERROR) return { error: 'None', baseOffset: r.int(), duplicate: r.bool() };
  return { error: memberOf(kafkaErrors, code - 1) };
}

function response(r: ByteReader): ProduceResponse {
  return {
    kind: memberOf(requestKinds, r.byte()),
    partition: r.unsigned(),
    baseSequence: r.int(),
    result: result(r),
  };
}

function pending(r: ByteReader): PendingProduce {
  return { request: request(r), baseOffset: r.int(), requiredOffset: r.int(), duplicate: r.bool() };
}

function connection(r: ByteReader): Connection {
  const flags = r.byte();
  if (flags > 7) throw new RangeError(`bad connection flags ${flags}`);
  const requests = list(r, () => request(r));
  const purgatory = (flags & 4) !== 0 ? pending(r) : null;
  return {
    requests,
    purgatory,
    responses: list(r, () => response(r)),
    requestsLost: (flags & 1) !== 0,
    responsesLost: (flags & 2) !== 0,
    orphans: list(r, () => request(r)),
  };
}

function outcome(r: ByteReader): SendOutcome {
  const status = memberOf(sendStatuses, r.byte());
  if (status === 'acknowledged') return { status, offset: r.int() };
  if (status === 'failed') return { status, error: memberOf(kafkaErrors, r.byte()) };
  return { status };
}

function send(r: ByteReader): Send {
  return { record: r.int(), partition: r.unsigned(), outcome: outcome(r) };
}

/**
 * The state `bytes` encode (see encode.ts); throws when they are not a whole encoding. With an
 * encoder's `slots`, primes them with the decoded state's objects.
 */
export function decodeState(config: ModelConfig, bytes: Uint8Array, slots?: Slots): State {
  const r = new ByteReader(bytes);
  const brokers = times(config.brokers, () => ({ up: r.bool() }));
  const nextProducerId = r.int();
  const faultsUsed: FaultsUsed = {
    crash: r.int(),
    powerLoss: r.int(),
    network: r.int(),
    deliveryTimeout: r.int(),
    isr: r.int(),
    producerRestart: r.int(),
  };
  const partitions = times(config.partitions, (p) =>
    partition(r, replicaBrokers(config, p).length, bytes, slots?.replicas[p]),
  );
  const producers = times(config.producers, (p) =>
    slotted(r, bytes, slots?.producers[p], () => producer(r, config)),
  );
  const connections = times(config.producers, (p) =>
    times(config.brokers, (b) => slotted(r, bytes, slots?.connections[p]?.[b], () => connection(r))),
  );
  const sends = times(config.producers, (p) =>
    slotted(r, bytes, slots?.sends[p], () => list(r, () => send(r))),
  );
  if (!r.done) throw new RangeError('bytes left after the state');
  return { brokers, partitions, producers, connections, nextProducerId, faultsUsed, sends };
}
