// The byte encoding on states the model reaches: decoding gives the state back (as JSON too, keys
// in the same order), a long-lived encoder whose slots remember earlier states writes the same
// bytes as a fresh one, and different states never share bytes. Random walks do not reach deep into
// transactions, so hand-built transactional states check those parts of the layout.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type FaultKind, groupFaultKinds, type ModelConfig } from '../config.ts';
import {
  type CoordinatorResponse,
  initialState,
  type LogBatch,
  type ProduceResponse,
  type ProducerBatch,
  type Request,
  type Send,
  type State,
} from '../state.ts';
import { configWith, noFaults, walk } from '../testing.ts';
import { decodeState } from './decode.ts';
import { encodeState, StateEncoder } from './encode.ts';

const faults = { ...noFaults, crash: 1, network: 2, isr: 1 };

const configs: Readonly<Record<string, ModelConfig>> = {
  default: defaultConfig,
  durable: configWith({ minInsyncReplicas: 2, faults: { ...faults, crash: 3 } }),
  'acks=1, no idempotence': configWith({ acks: '1', enableIdempotence: false, faults }),
  'acks=0': configWith({
    acks: '0',
    enableIdempotence: false,
    faults: { ...noFaults, crash: 1, network: 1 },
  }),
  'power loss, flush every record': configWith({ flushMessages: 1, faults: { ...noFaults, powerLoss: 2 } }),
  'delivery timeouts, resend, batch.size 1': configWith({
    batchSize: 1,
    records: 4,
    onFailure: 'resend',
    faults: { ...noFaults, network: 2, deliveryTimeout: 2, producerRestart: 1 },
  }),
  'retries 2, unclean election': configWith({ retries: 2, uncleanLeaderElectionEnable: true, faults }),
  '2 producers, 2 partitions': configWith({ producers: 2, partitions: 2, faults }),
  '2 producers, 2 partitions, 4 brokers, rf 2': configWith({
    brokers: 4,
    replicationFactor: 2,
    producers: 2,
    partitions: 2,
    faults: { ...faults, producerRestart: 1, deliveryTimeout: 1 },
  }),
  transactional: configWith({
    transactionalId: 't1',
    partitions: 2,
    faults: { ...faults, abort: 1, producerStall: 1, coordinatorMove: 1 },
  }),
};

const choices = fc.array(fc.nat(), { minLength: 1, maxLength: 60 });

describe('byte encoding of reachable states', () => {
  for (const [name, config] of Object.entries(configs)) {
    it(`${name}: decode(encode(s)) is s`, () => {
      const readsBack = fc.property(choices, (path) => {
        for (const state of walk(config, path)) {
          const bytes = encodeState(config, state).slice();
          const decoded = decodeState(config, bytes);
          expect(decoded).toEqual(state);
          expect(JSON.stringify(decoded)).toBe(JSON.stringify(state));
        }
      });
      fc.assert(readsBack, { seed: 1, numRuns: 60 });
    });

    it(`${name}: slots remembered from earlier states never change the bytes`, () => {
      // One encoder along the walk and its decoded copies: slots hit, miss and get primed.
      const sameBytes = fc.property(choices, (path) => {
        const longLived = new StateEncoder(config);
        for (const state of walk(config, path)) {
          const fresh = new StateEncoder(config).encode(state).slice();
          expect(longLived.encode(state)).toEqual(fresh);
          const decoded = decodeState(config, fresh, longLived.slots);
          expect(longLived.encode(decoded)).toEqual(fresh);
          expect(longLived.encode(state)).toEqual(fresh);
        }
      });
      fc.assert(sameBytes, { seed: 2, numRuns: 60 });
    });

    it(`${name}: states with different JSON have different bytes`, () => {
      const distinct = fc.property(choices, choices, (a, b) => {
        const byJson = new Map<string, string>();
        for (const state of [...walk(config, a), ...walk(config, b)]) {
          const bytes = Buffer.from(encodeState(config, state)).toString('hex');
          const json = JSON.stringify(state);
          expect(byJson.get(json) ?? bytes).toBe(bytes);
          byJson.set(json, bytes);
        }
        expect(new Set(byJson.values()).size).toBe(byJson.size);
      });
      fc.assert(distinct, { seed: 3, numRuns: 40 });
    });
  }

  it('takes few bytes: the initial state of the default config in under 68', () => {
    expect(encodeState(defaultConfig, initialState(defaultConfig)).length).toBeLessThan(68);
  });

  it('refuses bytes that are not a whole state', () => {
    const config = configs['2 producers, 2 partitions']!;
    const bytes = encodeState(config, walk(config, [0, 1, 2, 3, 4, 5])!.at(-1)!).slice();
    expect(() => decodeState(config, bytes.subarray(0, bytes.length - 1))).toThrow(RangeError);
    expect(() => decodeState(config, Uint8Array.from([...bytes, 0]))).toThrow(RangeError);
  });

  it('refuses a state whose shape the config does not give', () => {
    const state = initialState(defaultConfig);
    expect(() => encodeState(defaultConfig, { ...state, brokers: state.brokers.slice(1) })).toThrow(
      RangeError,
    );
  });
});

// Two transactional producers on two partitions, in the middle of things: control batches in the
// logs, coordinator requests and responses on a connection, metadata with pending markers,
// readers that returned records, and attempts.
const txConfig = configWith({
  transactionalId: 't1',
  producers: 2,
  partitions: 2,
  faults: { ...noFaults, abort: 1, producerStall: 2, coordinatorMove: 1 },
});

function producerBatch(producer: number, send: number, partition: number): ProducerBatch {
  return {
    partition,
    records: [{ producer, send }],
    producerId: producer,
    producerEpoch: 1,
    baseSequence: 0,
    inRetry: false,
    sequenceReset: false,
    retriesLeft: null,
  };
}

function logBatch(baseOffset: number, records: LogBatch['records'], control: LogBatch['control']): LogBatch {
  return {
    baseOffset,
    leaderEpoch: 0,
    producerId: 0,
    producerEpoch: 1,
    baseSequence: control === null ? 0 : -1,
    records,
    transactional: true,
    control,
  };
}

function transactionalState(): State {
  const s = initialState(txConfig);
  const log0 = [
    logBatch(0, [{ producer: 0, send: 0 }], null),
    logBatch(1, [{ producer: 1, send: 0 }], null),
    logBatch(2, [], 'COMMIT'),
  ];
  const log1 = [logBatch(0, [{ producer: 0, send: 1 }], null), logBatch(1, [], 'ABORT')];
  const requests: Request[] = [
    { kind: 'InitProducerId' },
    { kind: 'AddPartitionsToTxn', producerId: 0, producerEpoch: 1, partitions: 3 },
    { kind: 'Produce', batch: producerBatch(0, 1, 1) },
    { kind: 'EndTxn', producerId: 0, producerEpoch: 1, commit: true },
  ];
  const coordinatorResponses: CoordinatorResponse[] = [
    { kind: 'InitProducerId', error: 'None', producerId: 0, producerEpoch: 1, partitions: 0 },
    {
      kind: 'AddPartitionsToTxn',
      error: 'ConcurrentTransactions',
      producerId: 0,
      producerEpoch: 1,
      partitions: 2,
    },
    { kind: 'EndTxn', error: 'None', producerId: 0, producerEpoch: 2, partitions: 0 },
  ];
  const produceResponse: ProduceResponse = {
    kind: 'Produce',
    partition: 0,
    baseSequence: 0,
    result: { error: 'None', baseOffset: 0, duplicate: false },
  };
  const send = (record: number, partition: number, outcome: Send['outcome'], attempt: number): Send => ({
    record,
    partition,
    outcome,
    attempt,
  });
  const [p0, p1] = s.partitions;
  const [c0, c1] = s.connections;
  const [q0, q1] = s.producers;
  return {
    ...s,
    partitions: [
      { ...p0!, replicas: p0!.replicas.map((r) => ({ ...r, log: log0, logEndOffset: 3, highWatermark: 3 })) },
      { ...p1!, replicas: p1!.replicas.map((r, i) => (i === 0 ? { ...r, log: log1, logEndOffset: 2 } : r)) },
    ],
    producers: [
      {
        ...q0!,
        producerId: 0,
        producerEpoch: 1,
        nextRecord: 2,
        transaction: { state: 'CommittingTransaction', added: 3, awaiting: 1, attempt: 1 },
      },
      {
        ...q1!,
        status: 'stalled',
        producerId: 1,
        producerEpoch: 1,
        nextRecord: 1,
        transaction: { state: 'InTransaction', added: 1, awaiting: -1, attempt: 2 },
      },
    ],
    connections: [
      [
        c0![0]!,
        {
          ...c0![1]!,
          requests,
          purgatory: {
            request: { kind: 'Produce', batch: producerBatch(0, 0, 0) },
            baseOffset: 0,
            requiredOffset: 1,
            duplicate: false,
          },
          responses: [...coordinatorResponses, produceResponse],
          orphans: [{ kind: 'EndTxn', producerId: 0, producerEpoch: 0, commit: false }],
        },
        c0![2]!,
      ],
      [c1![0]!, c1![1]!, { ...c1![2]!, responses: [coordinatorResponses[1]!] }],
    ],
    nextProducerId: 2,
    faultsUsed: { ...s.faultsUsed, abort: 1, producerStall: 2, coordinatorMove: 1 },
    sends: [
      [send(0, 0, { status: 'acknowledged', offset: -1 }, 0), send(1, 1, { status: 'pending' }, 1)],
      [
        send(0, 0, { status: 'failed', error: 'TransactionAborted' }, 0),
        send(0, 0, { status: 'failed', error: 'ProducerFenced' }, 1),
        send(0, 0, { status: 'pending' }, 2),
      ],
    ],
    transactions: [
      {
        producerId: 0,
        producerEpoch: 1,
        state: 'PrepareCommit',
        partitions: 3,
        pendingMarkers: [
          { partition: 0, offset: 2, leaderEpoch: 0 },
          { partition: 1, offset: -1, leaderEpoch: -1 },
        ],
        coordinator: 1,
        coordinatorEpoch: 1,
        groupOffsets: 'none',
      },
      { ...s.transactions[1]!, producerId: 1, producerEpoch: 1, state: 'Ongoing', partitions: 1 },
    ],
    readers: [
      {
        position: 3,
        returned: [
          { offset: 0, ref: { producer: 0, send: 0 } },
          { offset: 1, ref: { producer: 1, send: 0 } },
        ],
      },
      { position: 0, returned: [] },
    ],
    attempts: [
      ['committed', 'open'],
      ['aborted', 'unknown', 'open'],
    ],
  };
}

/** A copy of `value` with the leaf at `path` replaced by `leaf`. */
function withLeaf(value: unknown, path: readonly (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [key, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === key ? withLeaf(v, rest, leaf) : v));
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(object).map(([k, v]) => [k, k === key ? withLeaf(v, rest, leaf) : v]),
  );
}

/** Every number and boolean leaf of `value`, with its path. */
function leaves(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; leaf: number | boolean }[] {
  if (typeof value === 'number' || typeof value === 'boolean') return [{ path, leaf: value }];
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([k, v]) => leaves(v, [...path, k]));
}

/** A nearby value that keeps indices in range: a boolean flipped, n to n - 1, 0 to 1, -1 to 0. */
function nudged(leaf: number | boolean): number | boolean {
  if (typeof leaf === 'boolean') return !leaf;
  return leaf > 0 ? leaf - 1 : leaf + 1;
}

/** The state with producer p renamed to `to[p]`: its slots moved and every record reference renamed. */
function renamed(state: State, to: readonly number[]): State {
  const refs = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map(refs);
    if (Object.keys(value).join() === 'producer,send') {
      const ref = value as { producer: number; send: number };
      return { producer: to[ref.producer], send: ref.send };
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, refs(v)]));
  };
  const moved = <T>(rows: readonly T[]): T[] => {
    const out = [...rows];
    rows.forEach((row, p) => {
      out[to[p]!] = row;
    });
    return out;
  };
  const r = refs(state) as State;
  return {
    ...r,
    producers: moved(r.producers),
    connections: moved(r.connections),
    sends: moved(r.sends),
    transactions: moved(r.transactions),
    attempts: moved(r.attempts),
  };
}

describe('byte encoding of transactional states', () => {
  const state = transactionalState();
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

  /** Single changes of the new fields that are not numbers or booleans. */
  const changes: Readonly<Record<string, (s: State) => State>> = {
    'a data batch becomes a COMMIT marker': (s) =>
      withLeaf(s, ['partitions', 0, 'replicas', 1, 'log', 1, 'control'], 'COMMIT') as State,
    'a COMMIT marker becomes an ABORT marker': (s) =>
      withLeaf(s, ['partitions', 0, 'replicas', 1, 'log', 2, 'control'], 'ABORT') as State,
    'an ABORT marker becomes a data batch': (s) =>
      withLeaf(s, ['partitions', 1, 'replicas', 0, 'log', 1, 'control'], null) as State,
    'a producer is stalled instead of running': (s) =>
      withLeaf(s, ['producers', 0, 'status'], 'stalled') as State,
    'a client transaction state': (s) =>
      withLeaf(s, ['producers', 1, 'transaction', 'state'], 'AbortableError') as State,
    'a coordinator response kind': (s) =>
      withLeaf(s, ['connections', 0, 1, 'responses', 0, 'kind'], 'EndTxn') as State,
    'a coordinator response error': (s) =>
      withLeaf(s, ['connections', 0, 1, 'responses', 0, 'error'], 'NotCoordinator') as State,
    'a coordinator response error cleared': (s) =>
      withLeaf(s, ['connections', 1, 2, 'responses', 0, 'error'], 'None') as State,
    'a send failed with a newer error': (s) =>
      withLeaf(s, ['sends', 1, 1, 'outcome', 'error'], 'InvalidTxnState') as State,
    'a coordinator state': (s) => withLeaf(s, ['transactions', 1, 'state'], 'PrepareEpochFence') as State,
    'an attempt outcome': (s) => withLeaf(s, ['attempts', 0, 1], 'aborted') as State,
    'a pending marker fewer': (s) =>
      withLeaf(s, ['transactions', 0, 'pendingMarkers'], s.transactions[0]!.pendingMarkers.slice(1)) as State,
    'a returned record fewer': (s) =>
      withLeaf(s, ['readers', 0, 'returned'], s.readers[0]!.returned.slice(1)) as State,
    'an attempt fewer': (s) => withLeaf(s, ['attempts', 1], ['aborted', 'unknown']) as State,
    'a request kind': (s) =>
      withLeaf(s, ['connections', 0, 1, 'requests', 0], {
        kind: 'EndTxn',
        producerId: 0,
        producerEpoch: 0,
        commit: false,
      }) as State,
  };

  /** The state, each change of it, and each nudge of one of its number or boolean leaves. */
  const variants: { name: string; state: State }[] = [
    { name: 'as built', state },
    ...Object.entries(changes).map(([name, change]) => ({ name, state: change(state) })),
    // The group fault counters exist only with a pipeline (pipeline.test.ts), so they are not nudged here.
    ...leaves(state)
      .filter(({ path }) => !(path[0] === 'faultsUsed' && groupFaultKinds.includes(path[1] as FaultKind)))
      .map(({ path, leaf }) => ({
        name: path.join('.'),
        state: withLeaf(state, path, nudged(leaf)) as State,
      })),
  ];

  it('covers the new fields with its variants', () => {
    const names = new Set(variants.map((v) => v.name));
    for (const name of [
      'faultsUsed.coordinatorMove',
      'partitions.0.replicas.0.log.2.transactional',
      'producers.0.transaction.added',
      'producers.0.transaction.awaiting',
      'producers.1.transaction.attempt',
      'connections.0.1.requests.1.partitions',
      'connections.0.1.requests.3.commit',
      'connections.0.1.responses.1.partitions',
      'sends.1.2.attempt',
      'transactions.0.pendingMarkers.1.offset',
      'transactions.1.coordinatorEpoch',
      'readers.0.returned.1.ref.producer',
      'readers.0.position',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('decode(encode(s)) is s, for the state and every single change of it', () => {
    for (const { name, state: s } of variants) {
      const bytes = encodeState(txConfig, s).slice();
      const decoded = decodeState(txConfig, bytes);
      expect(decoded, name).toEqual(s);
      expect(JSON.stringify(decoded), name).toBe(JSON.stringify(s));
    }
  });

  it('changing any single field changes the bytes, and no two changes share bytes', () => {
    const byBytes = new Map<string, string>();
    for (const { name, state: s } of variants) {
      const bytes = hex(encodeState(txConfig, s));
      expect(byBytes.get(bytes), `${name} encodes as ${byBytes.get(bytes)}`).toBeUndefined();
      byBytes.set(bytes, name);
    }
  });

  it('slots remembered from earlier states never change the bytes', () => {
    const longLived = new StateEncoder(txConfig);
    for (const { name, state: s } of variants) {
      const fresh = new StateEncoder(txConfig).encode(s).slice();
      expect(longLived.encode(s), name).toEqual(fresh);
      const decoded = decodeState(txConfig, fresh, longLived.slots);
      expect(longLived.encode(decoded), name).toEqual(fresh);
      // A successor sharing every slot object with the state before it.
      expect(longLived.encode({ ...decoded, readers: s.readers, attempts: s.attempts }), name).toEqual(fresh);
    }
  });

  it('encoding under a renaming gives the bytes of the renamed state', () => {
    const to = [1, 0];
    const encoder = new StateEncoder(txConfig);
    for (const { name, state: s } of variants) {
      const other = renamed(s, to);
      const expected = hex(new StateEncoder(txConfig).encode(other));
      encoder.encode(s);
      expect(hex(encoder.encode(s, to)), name).toBe(expected);
      expect(renamed(other, to), name).toEqual(s);
    }
    expect(hex(encoder.encode(state, to))).not.toBe(hex(encoder.encode(state)));
  });

  it('a fresh transactional state pays only its client transactions, metadata, readers and attempt counts', () => {
    const fresh = initialState(txConfig);
    const plain = configWith({ producers: 2, partitions: 2, faults: txConfig.faults });
    const extra = encodeState(txConfig, fresh).length - encodeState(plain, initialState(plain)).length;
    // Per producer: ClientTransaction (4), metadata (7) and attempt count (1); per partition a reader (2).
    expect(extra).toBe(2 * (4 + 7 + 1) + 2 * 2);
  });

  it('refuses transaction parts the config does not give', () => {
    const plain = configWith({ producers: 2, partitions: 2 });
    const s = initialState(plain);
    expect(() => encodeState(plain, { ...s, faultsUsed: { ...s.faultsUsed, consumerPause: 1 } })).toThrow(
      RangeError,
    );
    expect(() => encodeState(plain, { ...s, attempts: [['open'], []] })).toThrow(RangeError);
    expect(() => encodeState(plain, { ...s, readers: state.readers })).toThrow(RangeError);
    expect(() => encodeState(txConfig, { ...state, transactions: state.transactions.slice(1) })).toThrow(
      RangeError,
    );
    expect(() =>
      encodeState(txConfig, {
        ...state,
        producers: state.producers.map((p) => ({ ...p, transaction: null })),
      }),
    ).toThrow(RangeError);
  });
});
