import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { LONG_MAX } from '../../model/index.ts';
import { parseFaults, parseVariant } from './faults.ts';
import { ConfigError, type ConfigLayer, resolveConfig } from './resolve.ts';

const file = (path: string, text: string): ConfigLayer => ({ kind: 'file', path, text });
const set = (text: string): ConfigLayer => ({ kind: 'set', text });

function refused(layers: ConfigLayer[], scenario = {}): ConfigError {
  try {
    resolveConfig(layers, scenario);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const producerProperties = `# a real producer config
bootstrap.servers=kafka-1:9092,kafka-2:9092
key.serializer=org.apache.kafka.common.serialization.StringSerializer
acks=-1
retries = 10
max.in.flight.requests.per.connection: 3
`;

const serverProperties = `node.id=1
process.roles=broker,controller
log.dirs=/var/lib/kafka
default.replication.factor=3
min.insync.replicas=2
log.flush.interval.messages=9223372036854775807
ssl.keystore.location=/etc/kafka/keystore.jks
`;

describe('config', () => {
  it('config: real files: producer and server properties resolve, unmodelled keys are reported', () => {
    // Expected: acks=-1 means all, the broker's default replication factor applies, bootstrap.servers is ignored.
    const resolved = resolveConfig(
      [file('producer.properties', producerProperties), file('server.properties', serverProperties)],
      {},
    );
    expect(resolved.config).toMatchObject({
      acks: 'all',
      retries: 10,
      maxInFlightRequestsPerConnection: 3,
      replicationFactor: 3,
      brokers: 3,
      minInsyncReplicas: 2,
      flushMessages: LONG_MAX,
      enableIdempotence: true,
    });
    expect(resolved.ignored.join(' ')).toContain('bootstrap.servers (producer.properties line 2)');
    expect(resolved.ignored.join(' ')).toContain('ssl.keystore.location');
    expect(resolved.settings.find((s) => s.key === 'retries')).toEqual({
      key: 'retries',
      value: '10',
      source: 'producer.properties line 5',
    });
  });

  it('config: precedence: topic keys beat broker defaults, later layers beat earlier ones, --set comes last', () => {
    // Expected: replication.factor wins over default.replication.factor whatever the order; --set overrides files.
    const resolved = resolveConfig(
      [
        file('topic.properties', 'replication.factor=2\nflush.messages=1\n'),
        file('server.properties', 'default.replication.factor=3\nlog.flush.interval.messages=100\nacks=1\n'),
        set('acks=all'),
      ],
      {},
    );
    expect(resolved.config.replicationFactor).toBe(2);
    expect(resolved.config.flushMessages).toBe(1);
    expect(resolved.config.acks).toBe('all');
  });

  it('config: explicit idempotence conflicts are a ConfigException naming the keys', () => {
    // Expected: Kafka's own messages for acks and max.in.flight, both reported.
    const error = refused([
      set('enable.idempotence=true'),
      set('acks=1'),
      set('max.in.flight.requests.per.connection=6'),
    ]);
    expect(error.code).toBe('ConfigException');
    expect(error.message).toContain('Must set acks to all in order to use the idempotent producer');
    expect(error.message).toContain('Must set max.in.flight.requests.per.connection to at most 5');
    expect(refused([set('enable.idempotence=TRUE'), set('retries=0')]).message).toContain(
      'Must set retries to non-zero when using the idempotent producer.',
    );
  });

  it('config: implicit idempotence conflicts disable idempotence with a warning, as Kafka 3.x does', () => {
    // Expected: acks=0 with enable.idempotence left at its default runs without idempotence and says why.
    const resolved = resolveConfig([set('acks=0')], {});
    expect(resolved.config.enableIdempotence).toBe(false);
    expect(resolved.warnings).toContain(
      "Idempotence will be disabled because acks is set to 0, not set to 'all'.",
    );
  });

  it('config: transactional.id needs idempotence', () => {
    // Expected: ConfigException, whether idempotence was switched off explicitly or by acks.
    expect(refused([set('transactional.id=tx'), set('enable.idempotence=false')]).message).toContain(
      'Cannot set a transactional.id without also enabling idempotence.',
    );
    expect(refused([set('transactional.id=tx'), set('acks=1')]).code).toBe('ConfigException');
  });

  it('config: delivery.timeout.ms below linger.ms + request.timeout.ms: an error when set, raised when defaulted', () => {
    // Expected: explicit → ConfigException; default → adjusted to 130000 with Kafka's warning.
    expect(refused([set('delivery.timeout.ms=1000')]).message).toContain(
      'delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms',
    );
    const raised = resolveConfig([set('linger.ms=100000')], {});
    expect(raised.config.deliveryTimeoutMs).toBe(130000);
    expect(raised.warnings.join(' ')).toContain('Setting it to 130000.');
  });

  it('config: min.insync.replicas above replication.factor is accepted with what Kafka 3.9 really does', () => {
    // Expected: a warning that the broker caps it at the replica count (Partition.effectiveMinIsr).
    const resolved = resolveConfig([set('min.insync.replicas=4')], {});
    expect(resolved.config.minInsyncReplicas).toBe(4);
    expect(resolved.warnings.join(' ')).toMatch(/min\(4, 3\) = 3.*effectiveMinIsr/);
  });

  it('config: bad input names the key, the value, what is allowed and where it came from', () => {
    // Expected: unknown keys get a suggestion; wrong types and ranges say what is allowed; files give line numbers.
    const unknown = refused([file('p.properties', 'acks=all\nenable.idempotency=true\n')]);
    expect(unknown.code).toBe('UnknownKey');
    expect(unknown.message).toContain(
      '"enable.idempotency" (p.properties line 2); did you mean "enable.idempotence"?',
    );
    expect(refused([set('retries=abc')]).message).toContain(
      'retries must be a whole number from 0 to 2147483647; got "abc"',
    );
    expect(refused([set('max.in.flight.requests.per.connection=0')]).message).toContain('from 1 to');
    expect(refused([set('acks=2')]).message).toContain('acks must be one of all, -1, 0, 1; got "2" (--set)');
    expect(refused([set('unclean.leader.election.enable=yes')]).message).toContain('true or false');
    expect(refused([set('flush.messages=9223372036854775808')]).code).toBe('InvalidValue');
    expect(refused([set('noequals')]).message).toContain('--set takes KEY=VALUE');
  });

  it('config: scenario: replication factor above the brokers is refused in kafka-topics words', () => {
    // Expected: "Replication factor: 3 larger than available brokers: 2."
    expect(refused([], { brokers: 2 }).message).toBe(
      'Replication factor: 3 larger than available brokers: 2.',
    );
    expect(refused([], { records: 0 }).message).toContain('--records must be a whole number from 1 to 20');
  });

  it('config: --faults and --variant parse kebab-case names and refuse unknown ones', () => {
    // Expected: the budgets and variants map onto the model's names; errors list what is allowed.
    expect(parseFaults('crash=1,power-loss=2,delivery-timeout=3')).toEqual({
      crash: 1,
      powerLoss: 2,
      deliveryTimeout: 3,
    });
    expect(parseVariant('truncation=high-watermark')).toEqual({ truncation: 'high-watermark' });
    expect(() => parseFaults('crashes=1')).toThrow(/one of crash, power-loss, network/);
    expect(() => parseFaults('crash=10')).toThrow(/from 0 to 9/);
    expect(() => parseVariant('truncation=sometimes')).toThrow(/one of leader-epoch, high-watermark/);
  });

  test.prop([
    fc.record({
      acks: fc.constantFrom('all', '-1'),
      retries: fc.integer({ min: 1, max: 2147483647 }),
      inFlight: fc.integer({ min: 1, max: 5 }),
      replication: fc.integer({ min: 1, max: 5 }),
      minIsr: fc.integer({ min: 1, max: 5 }),
      flush: fc.bigInt({ min: 1n, max: 9223372036854775807n }),
    }),
  ])(
    'config: round trip: any valid assignment of the modelled keys resolves and lands in the model config',
    (v) => {
      // Expected: no error, and each value arrives in ModelConfig unchanged (acks=-1 as all).
      const resolved = resolveConfig(
        [
          set(`acks=${v.acks}`),
          set(`retries=${v.retries}`),
          set(`max.in.flight.requests.per.connection=${v.inFlight}`),
          set(`replication.factor=${v.replication}`),
          set(`min.insync.replicas=${v.minIsr}`),
          set(`flush.messages=${v.flush}`),
        ],
        {},
      );
      expect(resolved.config).toMatchObject({
        acks: 'all',
        retries: v.retries,
        maxInFlightRequestsPerConnection: v.inFlight,
        replicationFactor: v.replication,
        minInsyncReplicas: v.minIsr,
        flushMessages: Number(v.flush),
      });
    },
  );
});
