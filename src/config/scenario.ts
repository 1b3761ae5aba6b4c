/**
 * The model's shape and the faults to inject, from a preset overridden by flags, checked
 * against the bounds the explorer is built for. Messages name the flag, because that is what a
 * user types to change the value.
 */
import type {
  CommitStrategy,
  FailurePolicy,
  FaultBudget,
  ProtocolVariants,
  SendOffsetsWith,
  SinkKind,
} from '../../model/index.ts';
import { ConfigError, quoted } from './error.ts';
import { checkVariantValue, faultOptions, parseFaultBudget, variantOptions } from './faults.ts';

export interface Scenario {
  readonly brokers?: number;
  readonly partitions?: number;
  readonly producers?: number;
  readonly records?: number;
  /** Records per transaction of a transactional producer (`--transaction-records`). */
  readonly transactionRecords?: number;
  readonly faults?: Partial<FaultBudget>;
  readonly onFailure?: FailurePolicy;
  readonly variants?: Partial<ProtocolVariants>;
  /** Application instances in the consumer group (`--consumers`). */
  readonly consumers?: number;
  /** When the application commits its offsets (`--commit`). */
  readonly commit?: CommitStrategy;
  /** Where it writes its results (`--sink`). */
  readonly sink?: SinkKind;
  /**
   * The application passes consumer.groupMetadata() to sendOffsetsToTransaction (the default);
   * false is the deprecated overload with the group id only, which TxnOffsetCommit cannot fence.
   */
  readonly sendOffsets?: SendOffsetsWith;
}

export const commitStrategies: readonly CommitStrategy[] = [
  'before',
  'after',
  'auto',
  'on-revoke',
  'transactional',
  'external',
];

export const sinkKinds: readonly SinkKind[] = ['topic', 'external-store', 'side-effect'];

export const sendOffsetsChoices: readonly SendOffsetsWith[] = ['group-metadata', 'group-id'];

/** Bounds that keep a search small enough to finish; each is also the flag's allowed range. */
export const scenarioRanges = {
  brokers: { min: 1, max: 9 },
  partitions: { min: 1, max: 8 },
  producers: { min: 1, max: 4 },
  records: { min: 1, max: 20 },
  transactionRecords: { min: 1, max: 20 },
  consumers: { min: 1, max: 4 },
} as const;

/** The flag each bounded field is typed as. */
const flagOf = {
  brokers: '--brokers',
  partitions: '--partitions',
  producers: '--producers',
  records: '--records',
  transactionRecords: '--transaction-records',
  consumers: '--consumers',
} as const satisfies Record<keyof typeof scenarioRanges, string>;

const failurePolicies: readonly FailurePolicy[] = ['give-up', 'resend'];

/** Checks what the TypeScript types cannot: ranges, and values that came from JSON or a preset. */
export function checkScenario(scenario: Scenario): void {
  for (const field of Object.keys(scenarioRanges) as (keyof typeof scenarioRanges)[]) {
    const value = scenario[field];
    const { min, max } = scenarioRanges[field];
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      throw new ConfigError(
        'InvalidScenario',
        `${flagOf[field]} must be a whole number from ${min} to ${max}; got ${value}`,
      );
    }
  }
  for (const option of faultOptions) {
    const n = scenario.faults?.[option.kind];
    if (n !== undefined) parseFaultBudget(option.name, String(n));
  }
  if (scenario.onFailure !== undefined && !failurePolicies.includes(scenario.onFailure)) {
    throw new ConfigError(
      'InvalidScenario',
      `--on-failure must be ${failurePolicies.join(' or ')}; got ${quoted(scenario.onFailure)}`,
    );
  }
  if (scenario.commit !== undefined && !commitStrategies.includes(scenario.commit)) {
    throw new ConfigError(
      'InvalidScenario',
      `--commit must be one of ${commitStrategies.join(', ')}; got ${quoted(scenario.commit)}`,
    );
  }
  if (scenario.sink !== undefined && !sinkKinds.includes(scenario.sink)) {
    throw new ConfigError(
      'InvalidScenario',
      `--sink must be one of ${sinkKinds.join(', ')}; got ${quoted(scenario.sink)}`,
    );
  }
  for (const option of variantOptions) {
    const value = scenario.variants?.[option.key];
    if (value !== undefined) checkVariantValue(option, value);
  }
}
