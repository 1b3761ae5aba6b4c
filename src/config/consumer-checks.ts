/**
 * Kafka 3.9's own checks of a consumer group's settings, and the pipeline they describe: with a
 * group.id (or --consumers) the run has a consume-process-produce application whose instances
 * form one consumer group. The keys themselves are in the catalogue (catalog.ts, `groupKeys`).
 */
import type {
  AssignorName,
  CommitStrategy,
  OffsetReset,
  PipelineConfig,
  SendOffsetsWith,
  SinkKind,
} from '../../model/index.ts';
import { ConfigError } from './error.ts';

export interface GroupSettings {
  readonly groupId: string | null;
  readonly groupProtocol: string;
  readonly enableAutoCommit: { readonly value: boolean; readonly explicit: boolean };
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
}

/** Throws where Kafka's consumer refuses the settings; else the warnings a run with them gets. */
export function checkGroup(g: GroupSettings): string[] {
  // ConsumerConfig.maybeOverrideEnableAutoCommit: without a group nothing can be committed.
  if (g.groupId === null && g.enableAutoCommit.explicit && g.enableAutoCommit.value) {
    throw new ConfigError(
      'ConfigException',
      'InvalidConfigurationException: enable.auto.commit cannot be set to true when default group id (null) is used.',
    );
  }
  // The classic consumer's Heartbeat refuses a heartbeat that cannot beat within a session.
  if (g.groupId !== null && g.heartbeatIntervalMs >= g.sessionTimeoutMs) {
    throw new ConfigError(
      'ConfigException',
      'IllegalArgumentException: Heartbeat must be set lower than the session timeout ' +
        `(heartbeat.interval.ms=${g.heartbeatIntervalMs}, session.timeout.ms=${g.sessionTimeoutMs}).`,
    );
  }
  if (g.groupProtocol === 'consumer') {
    return [
      'group.protocol=consumer (KIP-848) is not modelled yet: this run models the classic group protocol ' +
        "(JoinGroup and SyncGroup), Kafka 3.9's default.",
    ];
  }
  return [];
}

/** Kafka's assignor classes, by the model's names (package org.apache.kafka.clients.consumer). */
const assignorClasses: Readonly<Record<string, AssignorName>> = {
  RangeAssignor: 'range',
  RoundRobinAssignor: 'roundrobin',
  StickyAssignor: 'sticky',
  CooperativeStickyAssignor: 'cooperative-sticky',
};

/**
 * The assignor a group of identical members agrees on: the first class of
 * partition.assignment.strategy (Kafka 3.9's default `RangeAssignor, CooperativeStickyAssignor`
 * means eager range; the second is there for a rolling upgrade).
 */
export function assignorOf(strategy: string): AssignorName {
  const classes = strategy
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
  for (const c of classes) {
    const simple = c.replace(/^org\.apache\.kafka\.clients\.consumer\./, '');
    if (
      !(simple in assignorClasses) ||
      (c !== simple && !c.startsWith('org.apache.kafka.clients.consumer.'))
    ) {
      throw new ConfigError(
        'ConfigException',
        `partition.assignment.strategy: ${JSON.stringify(c)} is not an assignor the model knows; allowed: ` +
          Object.keys(assignorClasses)
            .map((k) => `org.apache.kafka.clients.consumer.${k}`)
            .join(', '),
      );
    }
  }
  const first = classes[0];
  if (first === undefined) {
    throw new ConfigError(
      'ConfigException',
      'partition.assignment.strategy must name at least one assignor class',
    );
  }
  return assignorClasses[first.replace(/^org\.apache\.kafka\.clients\.consumer\./, '')]!;
}

export interface PipelineSettings {
  readonly groupId: string | null;
  readonly groupInstanceId: string | null;
  readonly enableAutoCommit: { readonly value: boolean; readonly explicit: boolean };
  readonly autoOffsetReset: string;
  readonly maxPollRecords: number;
  readonly assignmentStrategy: string;
  /** From the scenario (--consumers, --commit, --sink). */
  readonly consumers?: number;
  readonly commit?: CommitStrategy;
  readonly sink?: SinkKind;
  /** transactional.id is set: the application's producer is transactional. */
  readonly transactional: boolean;
  /** The input topic's partitions and the producers writing it. */
  readonly inputPartitions: number;
  readonly workloadProducers: number;
  /** sendOffsetsToTransaction with the consumer's group metadata (false: the group id only). */
  readonly sendOffsets?: SendOffsetsWith;
}

/**
 * What is wrong with an application that commits this way and writes to this sink, or null when
 * the model has it: the settings and a trace file's configuration are both held to it.
 */
export function pipelineProblem(
  commit: CommitStrategy,
  sink: SinkKind,
  transactional: boolean,
): string | null {
  if (sink === 'topic' && commit !== 'transactional') {
    return `--sink topic is modelled with --commit transactional only (an output producer of its own, exactly once); not yet with --commit ${commit}`;
  }
  if (commit === 'transactional' && sink === 'external-store') {
    return '--commit transactional sends the offsets in a Kafka transaction, which an external store is not part of: use --sink topic (or side-effect, e-mails besides the output topic)';
  }
  if (commit === 'transactional' && !transactional) {
    return '--commit transactional needs a transactional producer: set transactional.id (for example --set transactional.id=app)';
  }
  if (commit === 'external' && sink !== 'external-store') {
    return '--commit external keeps the offsets in the store: it needs --sink external-store';
  }
  return null;
}

/** The pipeline the settings describe, or null when there is no consumer group. */
export function pipelineOf(s: PipelineSettings): PipelineConfig | null {
  const wanted = s.consumers !== undefined || s.commit !== undefined || s.sink !== undefined;
  if (s.groupId === null) {
    if (wanted) {
      throw new ConfigError(
        'InvalidScenario',
        '--consumers, --commit and --sink describe a consumer group: set group.id (for example --set group.id=app)',
      );
    }
    return null;
  }
  const commit = s.commit ?? (s.enableAutoCommit.value ? 'auto' : 'after');
  if (commit === 'auto' && !s.enableAutoCommit.value) {
    throw new ConfigError('InvalidScenario', '--commit auto needs enable.auto.commit=true; it is false');
  }
  if (commit !== 'auto' && s.enableAutoCommit.value && s.enableAutoCommit.explicit) {
    throw new ConfigError(
      'InvalidScenario',
      `--commit ${commit} commits by hand, but enable.auto.commit=true is set: set enable.auto.commit=false`,
    );
  }
  const sink = s.sink ?? 'external-store';
  const problem = pipelineProblem(commit, sink, s.transactional);
  if (problem !== null) throw new ConfigError('InvalidScenario', problem);
  if (s.sendOffsets !== undefined && commit !== 'transactional') {
    throw new ConfigError(
      'InvalidScenario',
      `--send-offsets names what sendOffsetsToTransaction is given: it needs --commit transactional, not --commit ${commit}`,
    );
  }
  return {
    consumers: s.consumers ?? 1,
    commit,
    sink,
    assignor: assignorOf(s.assignmentStrategy),
    staticMembership: s.groupInstanceId !== null,
    autoOffsetReset: s.autoOffsetReset as OffsetReset,
    maxPollRecords: s.maxPollRecords,
    inputPartitions: s.inputPartitions,
    workloadProducers: s.workloadProducers,
    sendOffsets: s.sendOffsets ?? 'group-metadata',
  };
}
