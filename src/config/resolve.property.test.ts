import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { INT_MAX } from '../../model/index.ts';
import { LONG_MAX_TEXT } from './catalog.ts';
import { type ConfigLayer, resolveConfig } from './resolve.ts';

const LONG_MAX = BigInt(LONG_MAX_TEXT);
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
/** Whole numbers in a range, with the edges Kafka's checks turn on drawn often. */
const around = (min: number, max: number, edges: readonly number[]) =>
  fc.oneof(fc.constantFrom(...edges), fc.integer({ min, max }));

/** Values Kafka accepts for every modelled key; keys left undefined are not written at all. */
const assignment = fc.record({
  acks: optional(fc.constantFrom('all', '-1', '0', '1')),
  retries: optional(around(0, INT_MAX, [0, 1, INT_MAX])),
  enableIdempotence: optional(fc.boolean()),
  maxInFlight: optional(around(1, 10, [1, 5, 6])),
  batchSize: optional(around(0, INT_MAX, [0, 1, 16384])),
  lingerMs: optional(fc.oneof(fc.constantFrom(0n, 5n, LONG_MAX), fc.bigInt({ min: 0n, max: LONG_MAX }))),
  requestTimeoutMs: optional(around(0, INT_MAX, [0, 30000, 120001, INT_MAX])),
  /** How far above Kafka's floor (linger.ms + request.timeout.ms) an explicit delivery.timeout.ms is. */
  deliverySlack: optional(around(0, INT_MAX, [0, 1])),
  replicationFactor: optional(fc.integer({ min: 1, max: 9 })),
  replicationFactorAsBrokerDefault: fc.boolean(),
  minInsyncReplicas: optional(around(1, INT_MAX, [1, 2, 3, 4])),
  unclean: optional(fc.boolean()),
  flushMessages: optional(fc.oneof(fc.constantFrom(1n, LONG_MAX), fc.bigInt({ min: 1n, max: LONG_MAX }))),
  flushAsBrokerDefault: fc.boolean(),
  partitions: optional(fc.integer({ min: 1, max: 8 })),
  /** Written only while idempotence stays on, as Kafka refuses it otherwise. */
  transactionalId: optional(fc.constantFrom('t', 'orders-1', 'a b')),
  /** Any Java int; for a transactional producer it is brought into 1..transaction.max.timeout.ms. */
  transactionTimeoutMs: optional(around(-2147483648, INT_MAX, [-1, 0, 1, 60000, 900000, INT_MAX])),
  transactionMaxTimeoutMs: optional(around(1, INT_MAX, [1, 60000, 900000, INT_MAX])),
  verification: optional(fc.boolean()),
  isolationLevel: optional(fc.constantFrom('read_committed', 'read_uncommitted')),
  /** Where each key goes: true for the .properties file, false for a --set flag. */
  inFile: fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }),
});

type Assignment = typeof assignment extends fc.Arbitrary<infer T> ? T : never;

/** The Kafka keys and values an assignment writes, as a user would type them. */
function pairs(a: Assignment): [string, string][] {
  const idempotenceConflicts =
    (a.acks !== undefined && a.acks !== 'all' && a.acks !== '-1') ||
    a.retries === 0 ||
    (a.maxInFlight ?? 5) > 5;
  const floor = Math.min(
    Math.min(Number(a.lingerMs ?? 0n), INT_MAX) + (a.requestTimeoutMs ?? 30000),
    INT_MAX,
  );
  // Kafka refuses an explicit enable.idempotence=true with a conflicting setting, so it is not written then.
  const idempotence = a.enableIdempotence === true && idempotenceConflicts ? undefined : a.enableIdempotence;
  const transactionalId = (idempotence ?? !idempotenceConflicts) ? a.transactionalId : undefined;
  const maxTimeout = a.transactionMaxTimeoutMs ?? 900000;
  // A transactional producer's timeout is written whenever the default (60000) would be out of range.
  const timeout =
    transactionalId === undefined || (a.transactionTimeoutMs === undefined && maxTimeout >= 60000)
      ? a.transactionTimeoutMs
      : Math.min(Math.max(a.transactionTimeoutMs ?? 60000, 1), maxTimeout);
  const written: [string, string | bigint | number | boolean | undefined][] = [
    ['acks', a.acks],
    ['retries', a.retries],
    ['enable.idempotence', idempotence],
    ['max.in.flight.requests.per.connection', a.maxInFlight],
    ['batch.size', a.batchSize],
    ['linger.ms', a.lingerMs],
    ['request.timeout.ms', a.requestTimeoutMs],
    [
      'delivery.timeout.ms',
      a.deliverySlack === undefined ? undefined : Math.min(floor + a.deliverySlack, INT_MAX),
    ],
    [
      a.replicationFactorAsBrokerDefault ? 'default.replication.factor' : 'replication.factor',
      a.replicationFactor,
    ],
    ['min.insync.replicas', a.minInsyncReplicas],
    ['unclean.leader.election.enable', a.unclean],
    [a.flushAsBrokerDefault ? 'log.flush.interval.messages' : 'flush.messages', a.flushMessages],
    ['num.partitions', a.partitions],
    ['transactional.id', transactionalId],
    ['transaction.timeout.ms', timeout],
    ['transaction.max.timeout.ms', a.transactionMaxTimeoutMs],
    ['transaction.partition.verification.enable', a.verification],
    ['isolation.level', a.isolationLevel],
  ];
  return written.flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]]));
}

function layersOf(a: Assignment): ConfigLayer[] {
  const entries = pairs(a);
  // isolation.level always goes as --set: a file of it with only keys both clients have is a
  // consumer's, whose request.timeout.ms is not the producer's (tested by example in resolve.test.ts).
  const inFile = (key: string, i: number) => a.inFile[i] === true && key !== 'isolation.level';
  const text = entries
    .filter(([key], i) => inFile(key, i))
    .map(([key, value]) => `${key} = ${value}`)
    .join('\n');
  const sets = entries.filter(([key], i) => !inFile(key, i)).map(([key, value]) => `${key}=${value}`);
  return [
    { kind: 'file', path: 'generated.properties', text },
    ...sets.map((s) => ({ kind: 'set', text: s }) as const),
  ];
}

describe('config', () => {
  test.prop([assignment], { numRuns: 300 })(
    'config: round trip: any valid assignment of the modelled keys resolves and lands in the model config',
    (a) => {
      // Expected: no error, and every value written arrives in ModelConfig as Kafka would read it.
      const resolved = resolveConfig(layersOf(a), {});
      const written = new Map(pairs(a));
      const config = resolved.config;
      const acks = written.get('acks') ?? 'all';
      expect(config.acks).toBe(acks === '-1' ? 'all' : acks);
      expect(config.retries).toBe(a.retries ?? INT_MAX);
      expect(config.maxInFlightRequestsPerConnection).toBe(a.maxInFlight ?? 5);
      expect(config.batchSize).toBe(Math.max(1, a.batchSize ?? 16384));
      expect(config.lingerMs).toBe(Number(a.lingerMs ?? 0n));
      expect(config.requestTimeoutMs).toBe(a.requestTimeoutMs ?? 30000);
      expect(config.deliveryTimeoutMs).toBeGreaterThanOrEqual(
        Math.min(Math.min(config.lingerMs, INT_MAX) + config.requestTimeoutMs, INT_MAX),
      );
      const delivery = written.get('delivery.timeout.ms');
      if (delivery !== undefined) expect(config.deliveryTimeoutMs).toBe(Number(delivery));
      const conflicts =
        acks === '0' || acks === '1' || config.retries === 0 || config.maxInFlightRequestsPerConnection > 5;
      const idempotence = written.get('enable.idempotence');
      expect(config.enableIdempotence).toBe(idempotence === undefined ? !conflicts : idempotence === 'true');
      expect(config.replicationFactor).toBe(a.replicationFactor ?? 3);
      expect(config.brokers).toBe(config.replicationFactor);
      expect(config.minInsyncReplicas).toBe(a.minInsyncReplicas ?? 1);
      expect(config.uncleanLeaderElectionEnable).toBe(a.unclean ?? false);
      expect(config.flushMessages).toBe(Number(a.flushMessages ?? LONG_MAX));
      expect(config.partitions).toBe(a.partitions ?? 1);
      expect(config.transactionalId).toBe(written.get('transactional.id')?.trim() ?? null);
      expect(config.transactionTimeoutMs).toBe(Number(written.get('transaction.timeout.ms') ?? 60000));
      expect(config.transactionMaxTimeoutMs).toBe(a.transactionMaxTimeoutMs ?? 900000);
      expect(config.transactionPartitionVerificationEnable).toBe(a.verification ?? true);
      expect(config.isolationLevel).toBe(a.isolationLevel ?? 'read_uncommitted');
      for (const setting of resolved.settings) {
        const given = written.get(setting.key);
        if (given !== undefined && setting.key !== 'enable.idempotence') {
          expect(setting.value).toBe(given.trim());
        }
      }
    },
  );
});
