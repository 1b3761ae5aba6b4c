import { describe, expect, it } from 'vitest';
import { defaultConfig, defaultFaults, isTransactional, LONG_MAX } from '../../model/index.ts';
import { ConfigError, type ConfigLayer, resolveConfig, type Scenario } from './resolve.ts';

const file = (path: string, text: string): ConfigLayer => ({ kind: 'file', path, text });
const set = (text: string): ConfigLayer => ({ kind: 'set', text });

function refused(layers: ConfigLayer[], scenario: Scenario = {}): ConfigError {
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

const consumerProperties = `bootstrap.servers=kafka-1:9092
group.id=orders-audit
key.deserializer=org.apache.kafka.common.serialization.StringDeserializer
isolation.level=read_committed
enable.auto.commit=false
request.timeout.ms=40000
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

  it('config: transactional.id with enable.idempotence=false is refused in Kafka 3.9 words', () => {
    // Expected: ProducerConfig's ConfigException sentence, exactly, and the explicit setting named.
    const error = refused([
      file('producer.properties', 'transactional.id=orders\nenable.idempotence=false\n'),
    ]);
    expect(error.code).toBe('ConfigException');
    expect(error.message).toBe(
      'ConfigException: Cannot set a transactional.id without also enabling idempotence. ' +
        '(enable.idempotence=false is set explicitly.)',
    );
  });

  it('config: transactional.id with a setting that turns default idempotence off: refused, saying which', () => {
    // Expected: Kafka turns idempotence off (its log line, quoted) and then refuses the transactional.id.
    expect(refused([set('transactional.id=t1'), set('acks=1')]).message).toBe(
      'ConfigException: Cannot set a transactional.id without also enabling idempotence. ' +
        "(Idempotence will be disabled because acks is set to 1, not set to 'all'.)",
    );
    expect(refused([set('transactional.id=t1'), set('retries=0')]).message).toBe(
      'ConfigException: Cannot set a transactional.id without also enabling idempotence. ' +
        '(Idempotence will be disabled because retries is set to 0.)',
    );
    expect(
      refused([set('transactional.id=t1'), set('max.in.flight.requests.per.connection=6')]).message,
    ).toContain(
      'Cannot set a transactional.id without also enabling idempotence. (Idempotence will be disabled ' +
        'because max.in.flight.requests.per.connection is set to 6',
    );
    // With enable.idempotence=true written out, Kafka stops at the idempotence rule itself.
    expect(refused([set('transactional.id=t1'), set('enable.idempotence=true'), set('acks=0')]).message).toBe(
      'ConfigException: Must set acks to all in order to use the idempotent producer. Otherwise we cannot ' +
        'guarantee idempotence. (enable.idempotence=true is set explicitly.)',
    );
  });

  it('config: transactional.id: set, it makes the producers transactional, with no warning and nothing ignored', () => {
    // Expected: the id lands in config; acks=-1 and 5 in flight are fine; settings show it; unset is null.
    const resolved = resolveConfig(
      [set('transactional.id=orders'), set('acks=-1'), set('max.in.flight.requests.per.connection=5')],
      {},
    );
    expect(resolved.config).toMatchObject({
      transactionalId: 'orders',
      enableIdempotence: true,
      acks: 'all',
    });
    expect(isTransactional(resolved.config)).toBe(true);
    expect(resolved.warnings).toEqual([]);
    expect(resolved.ignored).toEqual([]);
    expect(resolved.settings.find((s) => s.key === 'transactional.id')).toEqual({
      key: 'transactional.id',
      value: 'orders',
      source: '--set',
    });
    const plain = resolveConfig([], {});
    expect(plain.config.transactionalId).toBeNull();
    expect(plain.settings.find((s) => s.key === 'transactional.id')?.value).toBe('null');
    expect(resolveConfig([set('transactional.id=  t 1 ')], {}).config.transactionalId).toBe('t 1');
  });

  it('config: transaction.timeout.ms and transaction.max.timeout.ms land in config and are checked like Kafka', () => {
    // Expected: both values arrive; the producer key takes any Java int (ProducerConfig has no
    // validator); the broker key is at least 1.
    const resolved = resolveConfig(
      [
        set('transactional.id=t'),
        set('transaction.timeout.ms=30000'),
        file('server.properties', 'transaction.max.timeout.ms=30000\n'),
      ],
      {},
    );
    expect(resolved.config).toMatchObject({ transactionTimeoutMs: 30000, transactionMaxTimeoutMs: 30000 });
    expect(resolveConfig([set('transaction.timeout.ms=-5')], {}).config.transactionTimeoutMs).toBe(-5);
    expect(refused([set('transaction.timeout.ms=soon')]).message).toBe(
      'transaction.timeout.ms must be a whole number from -2147483648 to 2147483647; got "soon" (--set)',
    );
    expect(refused([set('transaction.max.timeout.ms=0')]).message).toBe(
      'transaction.max.timeout.ms must be a whole number from 1 to 2147483647; got "0" (--set)',
    );
    expect(resolveConfig([], {}).config).toMatchObject({
      transactionTimeoutMs: 60000,
      transactionMaxTimeoutMs: 900000,
    });
  });

  it('config: transaction.timeout.ms above transaction.max.timeout.ms: refused naming both keys and values', () => {
    // Expected: what initTransactions() throws (INVALID_TRANSACTION_TIMEOUT), only for a transactional producer.
    const over = refused([
      set('transactional.id=t'),
      set('transaction.timeout.ms=900001'),
      file('server.properties', 'node.id=1\n'),
    ]);
    expect(over.code).toBe('InvalidTransactionTimeout');
    expect(over.message).toBe(
      'InvalidTxnTimeoutException: The transaction timeout is larger than the maximum value allowed by the ' +
        'broker (as configured by transaction.max.timeout.ms). (transaction.timeout.ms=900001 > ' +
        'transaction.max.timeout.ms=900000: the transaction coordinator refuses InitProducerId with ' +
        'INVALID_TRANSACTION_TIMEOUT.)',
    );
    expect(refused([set('transactional.id=t'), set('transaction.max.timeout.ms=1000')]).message).toContain(
      '(transaction.timeout.ms=60000 > transaction.max.timeout.ms=1000:',
    );
    expect(refused([set('transactional.id=t'), set('transaction.timeout.ms=0')]).message).toBe(
      'InvalidTxnTimeoutException: transaction.timeout.ms=0 must be from 1 to transaction.max.timeout.ms=900000: ' +
        'the transaction coordinator refuses InitProducerId with INVALID_TRANSACTION_TIMEOUT.',
    );
    // An idempotent producer's InitProducerId carries no transactional.id and is not checked.
    expect(resolveConfig([set('transaction.max.timeout.ms=1000')], {}).config.transactionMaxTimeoutMs).toBe(
      1000,
    );
    const atMax = resolveConfig([set('transactional.id=t'), set('transaction.timeout.ms=900000')], {});
    expect(atMax.config.transactionTimeoutMs).toBe(900000);
  });

  it('config: transaction.partition.verification.enable is a broker boolean that lands in config', () => {
    // Expected: true by default, false when set (any case, as Kafka's BOOLEAN), anything else refused.
    expect(resolveConfig([], {}).config.transactionPartitionVerificationEnable).toBe(true);
    const off = resolveConfig(
      [file('server.properties', 'transaction.partition.verification.enable=FALSE\n')],
      {},
    );
    expect(off.config.transactionPartitionVerificationEnable).toBe(false);
    expect(off.settings.find((s) => s.key === 'transaction.partition.verification.enable')).toEqual({
      key: 'transaction.partition.verification.enable',
      value: 'false',
      source: 'server.properties line 1',
    });
    expect(refused([set('transaction.partition.verification.enable=yes')]).message).toBe(
      'transaction.partition.verification.enable must be true or false; got "yes" (--set)',
    );
  });

  it('config: consumer.properties: isolation.level lands in config, the consumer keys are ignored', () => {
    // Expected: read_committed reaches the model; group.id and the deserializer are reported, not refused.
    const resolved = resolveConfig([file('consumer.properties', consumerProperties)], {});
    expect(resolved.config.isolationLevel).toBe('read_committed');
    expect(resolved.settings.find((s) => s.key === 'isolation.level')).toEqual({
      key: 'isolation.level',
      value: 'read_committed',
      source: 'consumer.properties line 4',
    });
    expect(resolved.ignored).toEqual([
      'bootstrap.servers (consumer.properties line 1)',
      'group.id (consumer.properties line 2)',
      'key.deserializer (consumer.properties line 3)',
      'enable.auto.commit (consumer.properties line 5)',
      "request.timeout.ms (consumer.properties line 6, the consumer's)",
    ]);
    expect(resolveConfig([], {}).config.isolationLevel).toBe('read_uncommitted');
  });

  it('config: consumer group keys: checked as Kafka checks them, and a group.id makes a pipeline', () => {
    // Expected: group.id and its settings are known (no unknown-key error) and describe the
    // application's group (Kafka's defaults: auto-commit, latest, range); without a group.id there is
    // no pipeline; each bad value is refused naming what is allowed, Kafka's two cross-key rules hold.
    const grouped = resolveConfig([file('consumer.properties', consumerProperties)], {});
    expect(grouped.config.pipeline).toEqual({
      consumers: 1,
      commit: 'after',
      sink: 'external-store',
      assignor: 'range',
      staticMembership: false,
      autoOffsetReset: 'latest',
      maxPollRecords: 500,
      inputPartitions: 1,
      workloadProducers: 1,
      sendOffsets: 'group-metadata',
    });
    expect(grouped.settings.map((s) => s.key)).toContain('group.id');
    expect(resolveConfig([], {}).config.pipeline).toBeNull();
    expect(resolveConfig([set('group.id=g')], {}).config.pipeline?.commit).toBe('auto');
    expect(
      resolveConfig(
        [
          set('group.id=g'),
          set('group.instance.id=i'),
          set('partition.assignment.strategy=org.apache.kafka.clients.consumer.CooperativeStickyAssignor'),
        ],
        { consumers: 2 },
      ).config.pipeline,
    ).toMatchObject({ consumers: 2, staticMembership: true, assignor: 'cooperative-sticky' });
    expect(refused([set('group.id=g'), set('partition.assignment.strategy=MyAssignor')]).message).toContain(
      'partition.assignment.strategy: "MyAssignor" is not an assignor the model knows; allowed: org.apache.kafka.clients.consumer.RangeAssignor',
    );
    expect(refused([], { consumers: 2 }).message).toBe(
      '--consumers, --commit and --sink describe a consumer group: set group.id (for example --set group.id=app)',
    );
    expect(resolveConfig([set('group.id=g')], { commit: 'before' }).config.pipeline?.commit).toBe('before');
    expect(refused([set('group.id=g'), set('enable.auto.commit=true')], { commit: 'before' }).message).toBe(
      '--commit before commits by hand, but enable.auto.commit=true is set: set enable.auto.commit=false',
    );
    expect(refused([set('auto.offset.reset=smallest')]).message).toBe(
      'auto.offset.reset must be one of latest, earliest, none; got "smallest" (--set)',
    );
    expect(refused([set('max.poll.records=0')]).code).toBe('InvalidValue');
    expect(
      refused([set('group.id=g'), set('session.timeout.ms=3000'), set('heartbeat.interval.ms=3000')]).message,
    ).toBe(
      'IllegalArgumentException: Heartbeat must be set lower than the session timeout (heartbeat.interval.ms=3000, session.timeout.ms=3000).',
    );
    expect(refused([set('enable.auto.commit=true')]).message).toBe(
      'InvalidConfigurationException: enable.auto.commit cannot be set to true when default group id (null) is used.',
    );
    // group.protocol is CaseInsensitiveValidString in ConsumerConfig: CONSUMER is consumer.
    const kip848 = resolveConfig([set('group.id=g'), set('group.protocol=CONSUMER')], {});
    expect(refused([set('group.protocol=eager')]).message).toBe(
      'group.protocol must be one of classic, consumer (any case); got "eager" (--set)',
    );
    expect(kip848.warnings.join(' ')).toContain('group.protocol=consumer (KIP-848) is not modelled yet');
  });

  it("config: consumer.properties: keys both clients have are the consumer's there, not the producer's", () => {
    // Expected: the consumer file's request.timeout.ms is checked, then ignored, even after the producer
    // file's; a file with producer keys too is a producer's, as before; --set is the producer's.
    const resolved = resolveConfig(
      [
        file('producer.properties', 'acks=all\nrequest.timeout.ms=20000\n'),
        file('consumer.properties', consumerProperties),
      ],
      {},
    );
    expect(resolved.config.requestTimeoutMs).toBe(20000);
    expect(resolved.settings.find((s) => s.key === 'request.timeout.ms')?.source).toBe(
      'producer.properties line 2',
    );
    expect(refused([file('consumer.properties', 'group.id=g\nrequest.timeout.ms=-1\n')]).message).toBe(
      'request.timeout.ms must be a whole number from 0 to 2147483647; got "-1" (consumer.properties line 2)',
    );
    const mixed = resolveConfig(
      [file('client.properties', 'acks=all\nisolation.level=read_committed\nrequest.timeout.ms=20000\n')],
      {},
    );
    expect(mixed.config).toMatchObject({ isolationLevel: 'read_committed', requestTimeoutMs: 20000 });
    const flags = resolveConfig([set('isolation.level=read_committed'), set('request.timeout.ms=20000')], {});
    expect(flags.config).toMatchObject({ isolationLevel: 'read_committed', requestTimeoutMs: 20000 });
  });

  it('config: isolation.level: an unknown level is refused naming the allowed ones, case as Kafka', () => {
    // Expected: ConsumerConfig's ValidString is case-sensitive: READ_COMMITTED and read-committed are refused.
    expect(refused([set('isolation.level=READ_COMMITTED')]).message).toBe(
      'isolation.level must be one of read_committed, read_uncommitted; got "READ_COMMITTED" (--set)',
    );
    const typo = refused([file('consumer.properties', 'group.id=g\nisolation.level=read-committed\n')]);
    expect(typo.code).toBe('InvalidValue');
    expect(typo.message).toBe(
      'isolation.level must be one of read_committed, read_uncommitted; got "read-committed" ' +
        '(consumer.properties line 2)',
    );
    expect(refused([set('isolation.level.read_committed=true')]).message).toContain(
      'did you mean "isolation.level=read_committed"?',
    );
  });

  it('config: transaction.state.log.*: known, checked like Kafka checks them, reported as not modelled', () => {
    // Expected: valid values are accepted and listed as ignored with their source; out of range is refused.
    const resolved = resolveConfig(
      [
        file(
          'server.properties',
          'transaction.state.log.replication.factor=1\ntransaction.state.log.min.isr=1\n' +
            'transaction.state.log.num.partitions=50\ntransaction.state.log.segment.bytes=104857600\n' +
            'transaction.state.log.load.buffer.size=5242880\n',
        ),
      ],
      {},
    );
    expect(resolved.ignored).toEqual([
      'transaction.state.log.replication.factor (server.properties line 1)',
      'transaction.state.log.min.isr (server.properties line 2)',
      'transaction.state.log.num.partitions (server.properties line 3)',
      'transaction.state.log.segment.bytes (server.properties line 4)',
      'transaction.state.log.load.buffer.size (server.properties line 5)',
    ]);
    expect(resolved.settings.some((s) => s.key.startsWith('transaction.state.log.'))).toBe(false);
    expect(resolved.config).toEqual(defaultConfig);
    expect(refused([set('transaction.state.log.replication.factor=32768')]).message).toBe(
      'transaction.state.log.replication.factor must be a whole number from 1 to 32767; got "32768" (--set)',
    );
    expect(refused([set('transaction.state.log.min.isr=0')]).code).toBe('InvalidValue');
    expect(refused([set('transaction.state.log.segment.bytes=big')]).code).toBe('InvalidValue');
  });

  it('config: scenario: --transaction-records, the transaction budgets and variants land in the model', () => {
    // Expected: each scenario field arrives in ModelConfig; the others keep their defaults.
    const resolved = resolveConfig([set('transactional.id=t')], {
      transactionRecords: 3,
      faults: { abort: 1, producerStall: 2, coordinatorMove: 1 },
      variants: { transactionVersion: '2', lso: 'inclusive' },
    });
    expect(resolved.config).toMatchObject({
      transactionRecords: 3,
      faults: { ...defaultFaults, abort: 1, producerStall: 2, coordinatorMove: 1 },
      variants: { ...defaultConfig.variants, transactionVersion: '2', lso: 'inclusive' },
    });
    expect(resolved.warnings).toEqual([]);
    expect(resolveConfig([], {}).config.transactionRecords).toBe(2);
    expect(refused([], { transactionRecords: 0 }).message).toBe(
      '--transaction-records must be a whole number from 1 to 20; got 0',
    );
    expect(refused([], { faults: { coordinatorMove: 10 } }).message).toBe(
      '--faults coordinator-move= must be a whole number from 0 to 9; got "10"',
    );
    const notAVersion = JSON.parse('{"variants":{"transactionVersion":"3"}}') as Scenario;
    expect(refused([], notAVersion).message).toMatch(
      /^--variant transaction-version must be one of 1, 2; got "3"/,
    );
  });

  it('config: scenario: --transaction-records without transactional.id is accepted with a warning', () => {
    // Expected: the value is kept (it is harmless) and the warning says why it does nothing.
    const resolved = resolveConfig([], { transactionRecords: 4 });
    expect(resolved.config.transactionRecords).toBe(4);
    expect(resolved.warnings).toEqual([
      '--transaction-records 4 has no effect: transactional.id is not set, so the producers are not transactional.',
    ]);
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

  it('config: precedence: a later file wins over an earlier one for the same key, --set over both', () => {
    // Expected: acks from the second file, retries from --set, and each setting names the layer it came from.
    const resolved = resolveConfig(
      [
        { kind: 'preset', name: 'durable', entries: { acks: '1', retries: '3' } },
        file('a.properties', 'acks=0\nretries=4\n'),
        file('b.properties', '# b wins\nacks=all\n'),
        set('retries=5'),
      ],
      {},
    );
    expect(resolved.config.acks).toBe('all');
    expect(resolved.config.retries).toBe(5);
    expect(resolved.settings.find((s) => s.key === 'acks')?.source).toBe('b.properties line 2');
    expect(resolved.settings.find((s) => s.key === 'retries')?.source).toBe('--set');
  });

  it('config: precedence: a topic key beats its broker default even when the default comes later', () => {
    // Expected: replication.factor=2 and flush.messages=1 win over a later server.properties and a later --set.
    const resolved = resolveConfig(
      [
        file('topic.properties', 'replication.factor=2\nflush.messages=1\n'),
        file('server.properties', 'default.replication.factor=3\nlog.flush.interval.messages=100\n'),
        set('default.replication.factor=1'),
      ],
      {},
    );
    expect(resolved.config).toMatchObject({ replicationFactor: 2, brokers: 2, flushMessages: 1 });
    const fromBroker = resolveConfig([file('server.properties', 'default.replication.factor=1\n')], {});
    expect(fromBroker.config.replicationFactor).toBe(1);
    expect(fromBroker.settings.find((s) => s.key === 'replication.factor')).toEqual({
      key: 'replication.factor',
      value: '1',
      source: 'server.properties line 1 (default.replication.factor)',
    });
  });

  it('config: defaults: nothing given runs the model default, three replicas on three brokers', () => {
    // Expected: the model's defaults (RF 3, not Kafka's broker default of 1), every setting sourced 'default'.
    const resolved = resolveConfig([], {});
    expect(resolved.config).toEqual({ ...defaultConfig });
    expect(resolved.warnings).toEqual([]);
    expect(resolved.ignored).toEqual([]);
    expect(resolved.settings.every((s) => s.source === 'default')).toBe(true);
    expect(resolved.settings.map((s) => s.key)).toEqual([
      'acks',
      'retries',
      'enable.idempotence',
      'max.in.flight.requests.per.connection',
      'batch.size',
      'linger.ms',
      'delivery.timeout.ms',
      'request.timeout.ms',
      'transactional.id',
      'transaction.timeout.ms',
      'replication.factor',
      'min.insync.replicas',
      'unclean.leader.election.enable',
      'flush.messages',
      'num.partitions',
      'transaction.max.timeout.ms',
      'transaction.partition.verification.enable',
      'isolation.level',
    ]);
    expect(resolved.settings.find((s) => s.key === 'flush.messages')?.value).toBe('9223372036854775807');
  });

  it('config: Long.MAX_VALUE: flush.messages and log.flush.interval.messages accept it exactly', () => {
    // Expected: 9223372036854775807 parses into LONG_MAX and is shown as written; batch.size=0 means one record.
    const resolved = resolveConfig(
      [set('log.flush.interval.messages=9223372036854775807'), set('batch.size=0'), set('linger.ms=100')],
      {},
    );
    expect(resolved.config.flushMessages).toBe(LONG_MAX);
    expect(resolved.config.batchSize).toBe(1);
    expect(resolved.settings.find((s) => s.key === 'flush.messages')?.value).toBe('9223372036854775807');
    expect(resolved.settings.find((s) => s.key === 'batch.size')?.value).toBe('0');
  });

  it('config: ignored keys: accepted, reported with their source, never in settings', () => {
    // Expected: keys Kafka checks but the model does not read (retry.backoff.ms) are ignored too, after the check.
    const resolved = resolveConfig(
      [set('retry.backoff.ms=200'), set('group.id=g'), set('listener.name.internal.ssl.keystore.type=PEM')],
      {},
    );
    expect(resolved.ignored).toEqual([
      'retry.backoff.ms (--set)',
      'group.id (--set)',
      'listener.name.internal.ssl.keystore.type (--set)',
    ]);
    expect(resolved.settings.some((s) => s.key === 'retry.backoff.ms')).toBe(false);
    expect(refused([set('retry.backoff.ms=-1')]).code).toBe('InvalidValue');
  });

  it('config: explicit idempotence conflicts: all three reported at once, in the order Kafka checks them', () => {
    // Expected: one ConfigException with Kafka's sentences for retries, acks and max.in.flight, in that order.
    const error = refused([
      file(
        'p.properties',
        'enable.idempotence=true\nacks=0\nretries=0\nmax.in.flight.requests.per.connection=6\n',
      ),
    ]);
    expect(error.code).toBe('ConfigException');
    expect(error.message).toBe(
      'ConfigException: Must set retries to non-zero when using the idempotent producer. ' +
        'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence. ' +
        'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer. ' +
        '(enable.idempotence=true is set explicitly.)',
    );
  });

  it('config: implicit idempotence conflicts: each conflict warned in Kafka words, settings show false', () => {
    // Expected: idempotence off, one Kafka log line per conflict, and enable.idempotence=false in settings.
    const resolved = resolveConfig(
      [set('retries=0'), set('acks=1'), set('max.in.flight.requests.per.connection=6')],
      {},
    );
    expect(resolved.config.enableIdempotence).toBe(false);
    expect(resolved.warnings).toEqual([
      'Idempotence will be disabled because retries is set to 0.',
      "Idempotence will be disabled because acks is set to 1, not set to 'all'.",
      'Idempotence will be disabled because max.in.flight.requests.per.connection is set to 6, which is ' +
        'greater than 5. Please note that in v4.0.0 and onward, this will become an error.',
    ]);
    expect(resolved.settings.find((s) => s.key === 'enable.idempotence')).toEqual({
      key: 'enable.idempotence',
      value: 'false',
      source: 'default, disabled by Kafka',
    });
  });

  it('config: idempotence switched off explicitly: acks=0 and many in flight are fine, without warnings', () => {
    // Expected: no ConfigException and no warning; acks=-1 still normalises to all.
    const off = resolveConfig(
      [set('enable.idempotence=false'), set('acks=0'), set('max.in.flight.requests.per.connection=10')],
      {},
    );
    expect(off.config).toMatchObject({
      enableIdempotence: false,
      acks: '0',
      maxInFlightRequestsPerConnection: 10,
    });
    expect(off.warnings).toEqual([]);
    expect(resolveConfig([set('acks=-1')], {}).config.acks).toBe('all');
  });

  it('config: transactional.id: an empty value is refused, as ConfigDef.NonEmptyString refuses it', () => {
    // Expected: InvalidValue, from --set and from a file (blank after trimming is empty too).
    expect(refused([set('transactional.id=')]).message).toBe(
      'transactional.id must be a non-empty string; got "" (--set)',
    );
    expect(refused([file('p.properties', 'transactional.id =   \n')]).message).toBe(
      'transactional.id must be a non-empty string; got "" (p.properties line 1)',
    );
  });

  it('config: delivery.timeout.ms: the message gives the numbers; a raised default shows in settings', () => {
    // Expected: the explicit error names all three values; the default is raised to linger.ms + request.timeout.ms.
    expect(refused([set('delivery.timeout.ms=1000'), set('linger.ms=5')]).message).toBe(
      'ConfigException: delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms ' +
        '(delivery.timeout.ms=1000, linger.ms=5, request.timeout.ms=30000).',
    );
    const raised = resolveConfig([set('request.timeout.ms=200000')], {});
    expect(raised.config.deliveryTimeoutMs).toBe(200000);
    expect(raised.warnings).toEqual([
      'delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms. Setting it to 200000.',
    ]);
    expect(raised.settings.find((s) => s.key === 'delivery.timeout.ms')).toEqual({
      key: 'delivery.timeout.ms',
      value: '200000',
      source: 'default, raised by Kafka',
    });
    expect(resolveConfig([set('delivery.timeout.ms=30000')], {}).warnings).toEqual([]);
  });

  it('config: min.insync.replicas above replication.factor: the warning says what Kafka 3.9 does', () => {
    // Expected: the exact sentence: capped by Partition.effectiveMinIsr, not "every send fails".
    const resolved = resolveConfig([set('min.insync.replicas=4'), set('replication.factor=3')], {});
    expect(resolved.warnings).toEqual([
      'min.insync.replicas=4 is larger than replication.factor=3: Kafka 3.9 uses min(4, 3) = 3 ' +
        '(Partition.effectiveMinIsr), so acks=all is acknowledged only while all 3 replicas are in sync; ' +
        'before Kafka 3.7 every acks=all send failed with NotEnoughReplicas.',
    ]);
  });

  it('config: bad values in files: the message gives the file and the line', () => {
    // Expected: the line number counts comments, blank lines and continuations.
    const text = '# producer\n\nbootstrap.servers=a:9092,\\\n  b:9092\nacks=2\n';
    expect(refused([file('server.properties', text)]).message).toBe(
      'acks must be one of all, -1, 0, 1; got "2" (server.properties line 5)',
    );
    expect(refused([file('p.properties', 'retries = abc \n')]).message).toBe(
      'retries must be a whole number from 0 to 2147483647; got "abc" (p.properties line 1)',
    );
    expect(refused([set('max.in.flight.requests.per.connection=0')]).message).toBe(
      'max.in.flight.requests.per.connection must be a whole number from 1 to 2147483647; got "0" (--set)',
    );
    expect(refused([{ kind: 'preset', name: 'mine', entries: { 'batch.size': '-1' } }]).message).toContain(
      '(preset mine)',
    );
  });

  it('config: unknown keys: a key=value typed with a dot, or the nearest key, is suggested', () => {
    // Expected: acks.all → "acks=all"; ACKS → "acks"; a key far from every known one gets no suggestion.
    expect(refused([set('acks.all=true')]).message).toBe(
      'unknown Kafka configuration key "acks.all" (--set); did you mean "acks=all"?; --allow-unknown warns and ignores it instead',
    );
    expect(refused([set('ACKS=all')]).message).toContain('did you mean "acks"?');
    expect(refused([set('enable.idempotency=true')]).message).toContain('did you mean "enable.idempotence"?');
    const far = refused([file('x.properties', 'frobnicate.everything=1\n')]);
    expect(far.code).toBe('UnknownKey');
    expect(far.message).toBe(
      'unknown Kafka configuration key "frobnicate.everything" (x.properties line 1); --allow-unknown warns and ignores it instead',
    );
    // Every unknown key of a file at once, not one per run.
    const two = refused([file('y.properties', 'frobnicate.everything=1\nacks=all\nmessage.max.byte=2\n')]);
    expect(two.message).toBe(
      'unknown Kafka configuration key "frobnicate.everything" (y.properties line 1) (and 1 more: unknown Kafka configuration key "message.max.byte" (y.properties line 3); did you mean "message.max.bytes"?); --allow-unknown warns and ignores them instead',
    );
  });

  it('config: scenario: the cluster and budgets are checked, naming the flag and the allowed range', () => {
    // Expected: InvalidScenario for a replication factor above the brokers from any layer, and for values out of range.
    expect(refused([set('default.replication.factor=4')], { brokers: 3 }).message).toBe(
      'Replication factor: 4 larger than available brokers: 3.',
    );
    expect(refused([set('replication.factor=12')]).message).toBe(
      'replication.factor must be at most 9 for the model; got 12',
    );
    expect(refused([set('num.partitions=9')]).message).toBe(
      'num.partitions must be at most 8 for the model; got 9',
    );
    expect(refused([], { brokers: 10 }).message).toBe('--brokers must be a whole number from 1 to 9; got 10');
    expect(refused([], { partitions: 1.5 }).message).toContain(
      '--partitions must be a whole number from 1 to 8',
    );
    expect(refused([], { producers: 5 }).message).toContain('--producers must be a whole number from 1 to 4');
    expect(refused([], { faults: { powerLoss: 12 } }).message).toBe(
      '--faults power-loss= must be a whole number from 0 to 9; got "12"',
    );
    const notAPolicy = JSON.parse('{"onFailure":"retry"}') as Scenario;
    expect(refused([], notAPolicy).message).toBe('--on-failure must be give-up or resend; got "retry"');
    const notAVariant = JSON.parse('{"variants":{"truncation":"never"}}') as Scenario;
    expect(refused([], notAVariant).code).toBe('InvalidScenario');
  });

  it('config: scenario: flags override the Kafka layers and fill in the model', () => {
    // Expected: --partitions beats num.partitions; unset faults and variants keep the defaults.
    const resolved = resolveConfig([set('num.partitions=2')], {
      brokers: 5,
      partitions: 4,
      producers: 2,
      records: 7,
      onFailure: 'resend',
      faults: { crash: 0, network: 1 },
      variants: { truncation: 'high-watermark' },
    });
    expect(resolved.config).toMatchObject({
      brokers: 5,
      partitions: 4,
      producers: 2,
      records: 7,
      onFailure: 'resend',
      faults: { ...defaultFaults, crash: 0, network: 1 },
      variants: { ...defaultConfig.variants, truncation: 'high-watermark' },
    });
    expect(resolved.settings.find((s) => s.key === 'num.partitions')).toEqual({
      key: 'num.partitions',
      value: '4',
      source: 'scenario',
    });
  });
});
