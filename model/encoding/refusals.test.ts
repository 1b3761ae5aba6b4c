// What the byte encoding refuses, and says why: states whose shape the configuration does not give
// (each check names the part it found wrong), and bytes no state encodes to (a corrupt control
// code, flags byte or parked request).
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config.ts';
import { initialState, type LogBatch, type ProducerBatch, type Request, type State } from '../state.ts';
import { configWith, produceRequest, storeConsumerConfig } from '../testing.ts';
import { decodeState } from './decode.ts';
import { encodeState } from './encode.ts';

const config = defaultConfig;
const fresh = (): State => initialState(config);

/** The one index where the encodings of `a` and `b` differ. */
function differingByte(a: State, b: State): number {
  const x = encodeState(config, a).slice();
  const y = encodeState(config, b).slice();
  expect(x.length).toBe(y.length);
  const at = [...x.keys()].filter((i) => x[i] !== y[i]);
  expect(at.length).toBe(1);
  return at[0]!;
}

/** The encoding of `state` with the byte at `at` set to `value`. */
function corrupted(state: State, at: number, value: number): Uint8Array {
  const bytes = encodeState(config, state).slice();
  bytes[at] = value;
  return bytes;
}

function withLog(state: State, batch: LogBatch): State {
  const [p] = state.partitions;
  return {
    ...state,
    partitions: [{ ...p!, replicas: p!.replicas.map((r, i) => (i === 0 ? { ...r, log: [batch] } : r)) }],
  };
}

function withPartition(state: State, change: Partial<State['partitions'][number]>): State {
  return { ...state, partitions: [{ ...state.partitions[0]!, ...change }] };
}

function withProducer(state: State, change: Partial<State['producers'][number]>): State {
  return { ...state, producers: [{ ...state.producers[0]!, ...change }] };
}

function withAccumulated(state: State, batch: ProducerBatch): State {
  const [q] = state.producers;
  const [pp] = q!.partitions;
  return { ...state, producers: [{ ...q!, partitions: [{ ...pp!, accumulator: [batch] }] }] };
}

function withConnection(state: State, change: Partial<State['connections'][number][number]>): State {
  const [row] = state.connections;
  return { ...state, connections: [row!.map((c, b) => (b === 0 ? { ...c, ...change } : c))] };
}

const dataBatch: LogBatch = {
  baseOffset: 0,
  leaderEpoch: 0,
  producerId: 0,
  producerEpoch: 0,
  baseSequence: 0,
  records: [],
  transactional: false,
  control: null,
};

const producerBatch: ProducerBatch = produceRequest([{ producer: 0, send: 0 }]).batch;

describe('encoding refuses states the config does not shape', () => {
  it('encode names the list whose length the config contradicts, and both lengths', () => {
    // Expected: each fixed-length list is checked and named, from the brokers down to a producer's in-flight lists.
    const s = fresh();
    const cases: [State, string][] = [
      [{ ...s, brokers: s.brokers.slice(1) }, 'brokers: 2 items, the config says 3'],
      [{ ...s, partitions: [] }, 'partitions: 0 items, the config says 1'],
      [{ ...s, producers: [...s.producers, ...s.producers] }, 'producers: 2 items, the config says 1'],
      [{ ...s, connections: [] }, 'connection rows: 0 items, the config says 1'],
      [{ ...s, sends: [] }, 'send rows: 0 items, the config says 1'],
      [{ ...s, connections: [s.connections[0]!.slice(1)] }, 'connections: 2 items, the config says 3'],
      [withPartition(s, { replicas: [] }), 'replicas: 0 items, the config says 3'],
      [withPartition(s, { followerEndOffsets: [0] }), 'follower end offsets: 1 items, the config says 3'],
      [withProducer(s, { partitions: [] }), 'producer partitions: 0 items, the config says 1'],
      [withProducer(s, { inFlight: [] }), 'in-flight lists: 0 items, the config says 3'],
    ];
    for (const [state, message] of cases) expect(() => encodeState(config, state), message).toThrow(message);
  });

  it('encode names the transaction list whose length the config contradicts, with and without transactions', () => {
    // Expected: without transactions the metadata, readers and attempts must be empty; with them, one per producer or partition.
    const s = fresh();
    const txConfig = configWith({ transactionalId: 't' });
    const t = initialState(txConfig);
    const cases: [typeof config, State, string][] = [
      [config, { ...s, attempts: [] }, 'attempt rows: 0 items, the config says 1'],
      [config, { ...s, transactions: t.transactions }, 'transactions: 1 items, the config says 0'],
      [config, { ...s, readers: t.readers }, 'readers: 1 items, the config says 0'],
      [config, { ...s, attempts: [['open']] }, 'attempts: 1 items, the config says 0'],
      [txConfig, { ...t, transactions: [] }, 'transactions: 0 items, the config says 1'],
      [txConfig, { ...t, readers: [] }, 'readers: 0 items, the config says 1'],
    ];
    for (const [c, state, message] of cases) expect(() => encodeState(c, state), message).toThrow(message);
  });

  it('encode refuses group fault counts without a pipeline, whichever two of the four are counted', () => {
    // Expected: any non-zero group fault counter is an error without a consumer group, even two that would cancel in a difference.
    const s = fresh();
    const message = 'faultsUsed: group faults counted, the config has no pipeline';
    for (const counted of [
      { consumerCrash: 1, consumerPause: 1 },
      { consumerPause: 1, rebalance: 1 },
      { rebalance: 1, groupCoordinatorMove: 1 },
    ]) {
      const state = { ...s, faultsUsed: { ...s.faultsUsed, ...counted } };
      expect(() => encodeState(config, state), JSON.stringify(counted)).toThrow(message);
    }
  });

  it('encode refuses a pipeline, a transaction or an input record the config has no place for', () => {
    // Expected: each refusal names what is present that the configuration leaves out.
    const s = fresh();
    const piped = initialState(storeConsumerConfig('after', defaultConfig.faults));
    expect(() => encodeState(config, { ...s, pipeline: piped.pipeline! })).toThrow(
      'pipeline: present, the config has none',
    );
    const transaction = { state: 'Ready', added: 0, awaiting: -1, attempt: -1 } as const;
    expect(() => encodeState(config, { ...s, producers: [{ ...s.producers[0]!, transaction }] })).toThrow(
      'producer transaction present, the config says otherwise',
    );
    const txConfig = configWith({ transactionalId: 't' });
    const t = initialState(txConfig);
    expect(() =>
      encodeState(txConfig, { ...t, producers: [{ ...t.producers[0]!, transaction: null }] }),
    ).toThrow('producer transaction missing, the config says otherwise');
    expect(() =>
      encodeState(txConfig, { ...t, transactions: [{ ...t.transactions[0]!, groupOffsets: 'added' }] }),
    ).toThrow('transaction: group offsets, the config has no pipeline');
    const send = { record: 0, partition: 0, outcome: { status: 'pending' }, attempt: -1 } as const;
    expect(() =>
      encodeState(config, { ...s, sends: [[{ ...send, input: { producer: 0, send: 0 } }]] }),
    ).toThrow('send: an input record named, the config has no topic sink');
    expect(() => encodeState(config, { ...s, sends: [[{ ...send, attempt: -2 }]] })).toThrow(
      'bad attempt -2',
    );
    expect(() => encodeState(config, { ...s, sends: [[{ ...send, attempt: 0.5 }]] })).toThrow(
      'bad attempt 0.5',
    );
  });

  it('the pipeline part names the list whose length the config contradicts', () => {
    // Expected: the group's, the instances' and the sink's fixed-length lists are each checked and named, and a missing pipeline too.
    const pipelineConfig = storeConsumerConfig('after', defaultConfig.faults);
    const s = initialState(pipelineConfig);
    const p = s.pipeline!;
    const { group, sink } = p;
    const instance = p.instances[0]!;
    const cases: [typeof p, string][] = [
      [
        { ...p, group: { ...group, members: [...group.members, ...group.members] } },
        'group members: 2 items',
      ],
      [{ ...p, group: { ...group, committed: [0] } }, 'committed offsets: 1 items, the config says 2'],
      [{ ...p, group: { ...group, pending: [{ producerId: 0, offsets: [] }] } }, 'pending offsets: 0 items'],
      [{ ...p, instances: [] }, 'application instances: 0 items, the config says 1'],
      [{ ...p, instances: [{ ...instance, positions: [] }] }, 'positions: 0 items, the config says 2'],
      [
        { ...p, instances: [{ ...instance, positionEpochs: [] }] },
        'position epochs: 0 items, the config says 2',
      ],
      [{ ...p, sink: { ...sink, offsets: [] } }, 'stored offsets: 0 items, the config says 2'],
    ];
    for (const [pipeline, message] of cases) {
      expect(() => encodeState(pipelineConfig, { ...s, pipeline }), message).toThrow(message);
    }
    const { pipeline: _dropped, ...without } = s;
    expect(() => encodeState(pipelineConfig, without)).toThrow('pipeline: missing, the config has one');
  });
});

describe('decoding refuses bytes no state encodes to', () => {
  it('a log batch with control code 3 (there are two marker types) is refused by name', () => {
    // Expected: the records' count byte 0b110 says control 3, which is neither data, COMMIT nor ABORT.
    const data = withLog(fresh(), dataBatch);
    const at = differingByte(data, withLog(fresh(), { ...dataBatch, control: 'ABORT' }));
    expect(encodeState(config, data)[at]).toBe(0);
    expect(decodeState(config, corrupted(data, at, 4))).toEqual(
      withLog(fresh(), { ...dataBatch, control: 'ABORT' }),
    );
    expect(() => decodeState(config, corrupted(data, at, 6))).toThrow('bad control code 3');
  });

  it('a producer batch flags byte above 3 is refused by name', () => {
    // Expected: only inRetry (1) and sequenceReset (2) are flags; 4 is corrupt.
    const plain = withAccumulated(fresh(), producerBatch);
    const at = differingByte(plain, withAccumulated(fresh(), { ...producerBatch, inRetry: true }));
    expect(decodeState(config, corrupted(plain, at, 3))).toEqual(
      withAccumulated(fresh(), { ...producerBatch, inRetry: true, sequenceReset: true }),
    );
    expect(() => decodeState(config, corrupted(plain, at, 4))).toThrow('bad batch flags 4');
  });

  it('a connection flags byte of 7 (all three set) decodes, and one above 7 is refused by name', () => {
    // Expected: requests lost, responses lost and a parked request together read back; 8 is corrupt.
    const parked = {
      request: { kind: 'Produce', batch: producerBatch } as const,
      baseOffset: 0,
      requiredOffset: 1,
    };
    const all = withConnection(fresh(), {
      requestsLost: true,
      responsesLost: true,
      purgatory: { ...parked, duplicate: false },
    });
    expect(decodeState(config, encodeState(config, all).slice())).toEqual(all);
    const at = differingByte(fresh(), withConnection(fresh(), { requestsLost: true }));
    expect(() => decodeState(config, corrupted(fresh(), at, 8))).toThrow('bad connection flags 8');
  });

  it('a parked request that is not a Produce request is refused by name', () => {
    // Expected: only produce requests wait in purgatory, so a parked InitProducerId is corrupt.
    const request = { kind: 'InitProducerId' } as Request;
    const state = withConnection(fresh(), {
      purgatory: { request, baseOffset: 0, requiredOffset: 1, duplicate: false } as never,
    });
    const bytes = encodeState(config, state).slice();
    expect(() => decodeState(config, bytes)).toThrow('a parked InitProducerId request');
  });

  it('bytes after a whole state are refused by name', () => {
    // Expected: a state's encoding followed by one more byte is not a state.
    const bytes = encodeState(config, fresh()).slice();
    expect(() => decodeState(config, Uint8Array.from([...bytes, 0]))).toThrow('bytes left after the state');
  });
});
