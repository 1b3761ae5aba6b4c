/**
 * Kafka 3.9's own checks of a producer configuration, before any search: where Kafka throws a
 * ConfigException the tool refuses, and where Kafka quietly adjusts a default the tool adjusts it
 * too and says so. The sentences are Kafka's (ProducerConfig.postProcessAndValidateIdempotenceConfigs
 * and KafkaProducer.configureDeliveryTimeout), so a user can search for them. The transaction
 * coordinator's check of transaction.timeout.ms comes after, as InitProducerId makes it.
 */
import { INT_MAX } from '../../model/index.ts';
import { ConfigError } from './error.ts';

/** Kafka's MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_FOR_IDEMPOTENCE: the broker remembers five batches per PID. */
const IN_FLIGHT_MAX_FOR_IDEMPOTENCE = 5;

export interface ProducerSettings {
  /** As given, before `-1` becomes `all`, because Kafka's messages print it that way. */
  readonly acks: string;
  readonly retries: number;
  readonly maxInFlightRequestsPerConnection: number;
  readonly enableIdempotence: { readonly value: boolean; readonly explicit: boolean };
  readonly transactionalIdGiven: boolean;
  readonly lingerMs: number;
  readonly requestTimeoutMs: number;
  readonly deliveryTimeoutMs: { readonly value: number; readonly explicit: boolean };
}

export interface ProducerOutcome {
  readonly enableIdempotence: boolean;
  /** True when idempotence was on by default and a conflicting setting turned it off. */
  readonly idempotenceDisabledByKafka: boolean;
  readonly deliveryTimeoutMs: number;
  readonly deliveryTimeoutRaisedByKafka: boolean;
  readonly warnings: readonly string[];
}

interface Conflict {
  readonly error: string;
  readonly warning: string;
}

/** The idempotence conflicts in the order Kafka checks them: retries, acks, in-flight requests. */
function idempotenceConflicts(p: ProducerSettings): Conflict[] {
  const conflicts: Conflict[] = [];
  if (p.retries === 0) {
    conflicts.push({
      error: 'Must set retries to non-zero when using the idempotent producer.',
      warning: 'Idempotence will be disabled because retries is set to 0.',
    });
  }
  if (p.acks !== 'all' && p.acks !== '-1') {
    conflicts.push({
      error:
        'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
      warning: `Idempotence will be disabled because acks is set to ${p.acks}, not set to 'all'.`,
    });
  }
  if (p.maxInFlightRequestsPerConnection > IN_FLIGHT_MAX_FOR_IDEMPOTENCE) {
    conflicts.push({
      error: 'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.',
      warning:
        'Idempotence will be disabled because max.in.flight.requests.per.connection is set to ' +
        `${p.maxInFlightRequestsPerConnection}, which is greater than 5. ` +
        'Please note that in v4.0.0 and onward, this will become an error.',
    });
  }
  return conflicts;
}

/** Runs every check and reports every refusal at once, so one edit fixes a file. */
export function checkProducer(p: ProducerSettings): ProducerOutcome {
  const errors: string[] = [];
  const warnings: string[] = [];

  let enableIdempotence = p.enableIdempotence.value;
  let idempotenceDisabledByKafka = false;
  const conflicts = enableIdempotence ? idempotenceConflicts(p) : [];
  if (conflicts.length > 0 && p.enableIdempotence.explicit) {
    errors.push(...conflicts.map((c) => c.error), '(enable.idempotence=true is set explicitly.)');
  } else if (conflicts.length > 0) {
    // Kafka 3.x: idempotence is on by default only while nothing conflicts with it.
    enableIdempotence = false;
    idempotenceDisabledByKafka = true;
    warnings.push(...conflicts.map((c) => c.warning));
  }
  // Kafka checks transactional.id after the idempotence conflicts, which may have turned it off.
  if (!enableIdempotence && p.transactionalIdGiven) {
    const why = p.enableIdempotence.explicit
      ? ['(enable.idempotence=false is set explicitly.)']
      : conflicts.map((c) => `(${c.warning})`);
    errors.push('Cannot set a transactional.id without also enabling idempotence.', ...why);
  }

  // Kafka caps linger.ms at Integer.MAX_VALUE first and the sum after.
  const floor = Math.min(Math.min(p.lingerMs, INT_MAX) + p.requestTimeoutMs, INT_MAX);
  let deliveryTimeoutMs = p.deliveryTimeoutMs.value;
  let deliveryTimeoutRaisedByKafka = false;
  if (deliveryTimeoutMs < floor && p.deliveryTimeoutMs.explicit) {
    errors.push(
      'delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms ' +
        `(delivery.timeout.ms=${deliveryTimeoutMs}, linger.ms=${p.lingerMs}, request.timeout.ms=${p.requestTimeoutMs}).`,
    );
  } else if (deliveryTimeoutMs < floor) {
    deliveryTimeoutMs = floor;
    deliveryTimeoutRaisedByKafka = true;
    warnings.push(
      `delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms. Setting it to ${floor}.`,
    );
  }

  if (errors.length > 0) throw new ConfigError('ConfigException', `ConfigException: ${errors.join(' ')}`);
  return {
    enableIdempotence,
    idempotenceDisabledByKafka,
    deliveryTimeoutMs,
    deliveryTimeoutRaisedByKafka,
    warnings,
  };
}

/**
 * The transaction coordinator's check of a transactional producer's InitProducerId
 * (TransactionStateManager.validateTransactionTimeoutMs): the timeout must be above 0 and at most
 * the broker's transaction.max.timeout.ms, or initTransactions() fails with
 * InvalidTxnTimeoutException. An idempotent producer's InitProducerId has no transactional.id and
 * is never checked.
 */
export function checkTransactionTimeout(t: {
  readonly transactional: boolean;
  readonly transactionTimeoutMs: number;
  readonly transactionMaxTimeoutMs: number;
}): void {
  if (!t.transactional) return;
  const values = `transaction.timeout.ms=${t.transactionTimeoutMs}`;
  const max = `transaction.max.timeout.ms=${t.transactionMaxTimeoutMs}`;
  const refusal = 'the transaction coordinator refuses InitProducerId with INVALID_TRANSACTION_TIMEOUT.';
  if (t.transactionTimeoutMs > t.transactionMaxTimeoutMs) {
    throw new ConfigError(
      'InvalidTransactionTimeout',
      'InvalidTxnTimeoutException: The transaction timeout is larger than the maximum value allowed by the ' +
        `broker (as configured by transaction.max.timeout.ms). (${values} > ${max}: ${refusal})`,
    );
  }
  if (t.transactionTimeoutMs <= 0) {
    throw new ConfigError(
      'InvalidTransactionTimeout',
      `InvalidTxnTimeoutException: ${values} must be from 1 to ${max}: ${refusal}`,
    );
  }
}
