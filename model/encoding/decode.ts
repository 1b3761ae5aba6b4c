/**
 * The inverse of encode.ts: a State back from its bytes, with the configuration giving the
 * lengths the encoding leaves out. Objects are built with their keys in the order the State type
 * declares them (the order the model builds them in), so a decoded state's JSON is the original's.
 */
import { isTransactional, type ModelConfig, replicaBrokers, writesOutputTopic } from '../config.ts';
import type {
  AttemptOutcome,
  ClientTransaction,
  Connection,
  FaultsUsed,
  InFlightBatch,
  KafkaError,
  LogBatch,
  Partition,
  PendingMarker,
  PendingProduce,
  ProduceRequest,
  ProduceResult,
  Producer,
  ProducerBatch,
  ProducerPartition,
  Reader,
  RecordRef,
  Replica,
  Request,
  Response,
  Send,
  SendOutcome,
  State,
  TransactionMetadata,
} from '../state.ts';
import { ByteReader } from './bytes.ts';
import {
  attemptOutcomes,
  clientTransactionStates,
  controlTypes,
  groupOffsetsInTxn,
  kafkaErrors,
  memberOf,
  NO_ERROR,
  producerStatuses,
  requestKinds,
  sendStatuses,
  transactionStates,
} from './codes.ts';
import { decodePipeline } from './pipeline.ts';
import type { Slot, Slots } from './slots.ts';

function times<T>(n: number, item: (i: number) => T): T[] {
  const items: T[] = [];
  for (let i = 0; i < n; i++) items.push(item(i));
  return items;
}

function list<T>(r: ByteReader, item: () => T): T[] {
  return times(r.unsigned(), item);
}

function ref(r: ByteReader): RecordRef {
  return { producer: r.unsigned(), send: r.unsigned() };
}

function refs(r: ByteReader): RecordRef[] {
  return list(r, () => ref(r));
}

/** Reads one slot's object, and primes the slot with it and its bytes when there is one. */
function slotted<T>(r: ByteReader, bytes: Uint8Array, slot: Slot | undefined, read: () => T): T {
  const from = r.offset;
  const object = read();
  slot?.remember(object, bytes, from, r.offset);
  return object;
}

function logBatch(r: ByteReader): LogBatch {
  const baseOffset = r.int();
  const leaderEpoch = r.int();
  const producerId = r.int();
  const producerEpoch = r.int();
  const baseSequence = r.int();
  const counted = r.unsigned();
  const control = (counted % 8) >> 1;
  if (control > controlTypes.length) throw new RangeError(`bad control code ${control}`);
  return {
    baseOffset,
    leaderEpoch,
    producerId,
    producerEpoch,
    baseSequence,
    records: times(Math.floor(counted / 8), () => ref(r)),
    transactional: counted % 2 === 1,
    control: control === 0 ? null : memberOf(controlTypes, control - 1),
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

function clientTransaction(r: ByteReader): ClientTransaction {
  return {
    state: memberOf(clientTransactionStates, r.byte()),
    added: r.unsigned(),
    awaiting: r.int(),
    attempt: r.int(),
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
    transaction: (config.pipeline === null ? isTransactional(config) : r.bool())
      ? clientTransaction(r)
      : null,
  };
}

function request(r: ByteReader): Request {
  const kind = memberOf(requestKinds, r.byte());
  switch (kind) {
    case 'Produce':
      return { kind, batch: batch(r) };
    case 'InitProducerId':
      return { kind };
    case 'AddPartitionsToTxn':
      return { kind, producerId: r.int(), producerEpoch: r.int(), partitions: r.unsigned() };
    case 'EndTxn':
      return { kind, producerId: r.int(), producerEpoch: r.int(), commit: r.bool() };
    case 'AddOffsetsToTxn':
      return { kind, producerId: r.int(), producerEpoch: r.int() };
  }
}

function produceRequest(r: ByteReader): ProduceRequest {
  const parked = request(r);
  if (parked.kind !== 'Produce') throw new RangeError(`a parked ${parked.kind} request`);
  return parked;
}

/** An error code: `None` for NO_ERROR, else the error with code - 1. */
function error(code: number): KafkaError | 'None' {
  return code === NO_ERROR ? 'None' : memberOf(kafkaErrors, code - 1);
}

function result(r: ByteReader): ProduceResult {
  const code = r.byte();
  if (code === NO_ERROR) return { error: 'None', baseOffset: r.int(), duplicate: r.bool() };
  return { error: memberOf(kafkaErrors, code - 1) };
}

function response(r: ByteReader): Response {
  const kind = memberOf(requestKinds, r.byte());
  if (kind !== 'Produce') {
    return {
      kind,
      error: error(r.byte()),
      producerId: r.int(),
      producerEpoch: r.int(),
      partitions: r.unsigned(),
    };
  }
  return {
    kind,
    partition: r.unsigned(),
    baseSequence: r.int(),
    result: result(r),
  };
}

function pending(r: ByteReader): PendingProduce {
  return { request: produceRequest(r), baseOffset: r.int(), requiredOffset: r.int(), duplicate: r.bool() };
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

function outcome(r: ByteReader, status: SendOutcome['status']): SendOutcome {
  if (status === 'acknowledged') return { status, offset: r.int() };
  if (status === 'failed') return { status, error: memberOf(kafkaErrors, r.byte()) };
  return { status };
}

function send(r: ByteReader, outputs: boolean): Send {
  const record = r.int();
  const partition = r.unsigned();
  const code = r.unsigned();
  const status = memberOf(sendStatuses, code % sendStatuses.length);
  const attempt = Math.floor(code / sendStatuses.length) - 1;
  const done = { record, partition, outcome: outcome(r, status), attempt };
  return outputs && r.bool() ? { ...done, input: ref(r) } : done;
}

function marker(r: ByteReader): PendingMarker {
  return { partition: r.unsigned(), offset: r.int(), leaderEpoch: r.int() };
}

function transaction(r: ByteReader, pipeline: boolean): TransactionMetadata {
  return {
    producerId: r.int(),
    producerEpoch: r.int(),
    state: memberOf(transactionStates, r.byte()),
    partitions: r.unsigned(),
    pendingMarkers: list(r, () => marker(r)),
    coordinator: r.unsigned(),
    coordinatorEpoch: r.int(),
    groupOffsets: pipeline ? memberOf(groupOffsetsInTxn, r.byte()) : 'none',
  };
}

function reader(r: ByteReader): Reader {
  return { position: r.int(), returned: list(r, () => ({ offset: r.int(), ref: ref(r) })) };
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
    abort: r.int(),
    producerStall: r.int(),
    coordinatorMove: r.int(),
    consumerCrash: config.pipeline === null ? 0 : r.int(),
    consumerPause: config.pipeline === null ? 0 : r.int(),
    rebalance: config.pipeline === null ? 0 : r.int(),
    groupCoordinatorMove: config.pipeline === null ? 0 : r.int(),
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
    slotted(r, bytes, slots?.sends[p], () => list(r, () => send(r, writesOutputTopic(config)))),
  );
  const transactional = isTransactional(config);
  const transactions = transactional
    ? times(config.producers, () => transaction(r, config.pipeline !== null))
    : [];
  const readers = transactional ? times(config.partitions, () => reader(r)) : [];
  const attempts = times(config.producers, (): AttemptOutcome[] =>
    transactional ? list(r, () => memberOf(attemptOutcomes, r.byte())) : [],
  );
  const pipeline =
    config.pipeline === null
      ? null
      : decodePipeline(r, config.pipeline, config.pipeline.inputPartitions, () => ref(r));
  if (!r.done) throw new RangeError('bytes left after the state');
  return {
    brokers,
    partitions,
    producers,
    connections,
    nextProducerId,
    faultsUsed,
    sends,
    transactions,
    readers,
    attempts,
    ...(pipeline === null ? {} : { pipeline }),
  };
}
