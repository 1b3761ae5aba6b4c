/**
 * Kafka 3.9's own checks of a consumer group's settings, and the warning that the model's reader
 * has no group yet. The keys themselves are in the catalogue (catalog.ts, `groupKeys`).
 */
import { ConfigError } from './error.ts';

export interface GroupSettings {
  /** The group keys given, in the catalogue's order. */
  readonly given: readonly string[];
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
  if (g.given.length === 0) return [];
  const protocol =
    g.groupProtocol === 'consumer' ? ' group.protocol=consumer (KIP-848) is not modelled either.' : '';
  return [
    `consumer groups are not modelled yet: ${g.given.join(', ')} ${g.given.length === 1 ? 'does' : 'do'} not ` +
      'change this run, whose reader reads each partition by manual assignment (assign()), with no group, ' +
      `rebalance or committed offset.${protocol}`,
  ];
}
