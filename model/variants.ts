/**
 * The protocol variants: for each slot of the protocol, the modules that can fill it, with the
 * words reports use. A TLA+ variant module replaces one action; here a variant replaces one step
 * module (truncation) or one rule (the first sequence of an unknown producer), and no other code
 * asks which variant is on. Adding a variant is one new module, one line here, and its name in
 * the variant's type in config.ts (the mapped type below makes the compiler demand the line).
 */
import type {
  AbortVariant,
  ConsumerPositionValidationVariant,
  FirstSequenceVariant,
  LsoVariant,
  ModelConfig,
  ProtocolVariants,
  RequireStableVariant,
  TransactionVersion,
  TruncationVariant,
  TxnOffsetFencingVariant,
} from './config.ts';
import { acceptAny } from './first-sequence/accept-any.ts';
import type { FirstSequenceRule } from './first-sequence/rule.ts';
import { zeroOnEmptyLog } from './first-sequence/zero-on-empty-log.ts';
import { offsetsForLeaderEpoch } from './steps/broker/offsets-for-leader-epoch.ts';
import { truncateToHighWatermark } from './steps/broker/truncate-to-high-watermark.ts';
import { exclusiveLso, inclusiveLso, type LsoBound } from './transactions/lso-bound.ts';
import {
  type TransactionProtocol,
  transactionVersion1,
  transactionVersion2,
} from './transactions/version.ts';

interface Variant<Fill> {
  /** The variant in the words reports use. */
  readonly words: string;
  readonly fills: Fill;
}

export const truncationVariants = {
  'leader-epoch': { words: 'leader-epoch truncation (KIP-101, KIP-279)', fills: offsetsForLeaderEpoch },
  'high-watermark': { words: 'pre-KIP-101 high-watermark truncation', fills: truncateToHighWatermark },
} as const satisfies Record<TruncationVariant, Variant<unknown>>;

export const firstSequenceVariants: Readonly<Record<FirstSequenceVariant, Variant<FirstSequenceRule>>> = {
  'accept-any': { words: 'any first sequence from an unknown producer', fills: acceptAny },
  'zero-on-empty-log': {
    words: 'KAFKA-15591 (first batch on an empty partition must start at sequence 0)',
    fills: zeroOnEmptyLog,
  },
};

export const transactionVersions: Readonly<Record<TransactionVersion, Variant<TransactionProtocol>>> = {
  '1': { words: 'transaction version 1 (Kafka 3.9)', fills: transactionVersion1 },
  '2': { words: 'transaction version 2 (KIP-890 part 2, Kafka 4.0)', fills: transactionVersion2 },
};

export const lsoVariants: Readonly<Record<LsoVariant, Variant<LsoBound>>> = {
  exclusive: { words: 'an exclusive last stable offset', fills: exclusiveLso },
  inclusive: {
    words: 'an inclusive last stable offset (serves the first record of an open transaction)',
    fills: inclusiveLso,
  },
};

export const abortVariants: Readonly<Record<AbortVariant, Variant<{ readonly waitForInFlight: boolean }>>> = {
  wait: { words: 'an abort that waits for in-flight batches (Kafka 3.9)', fills: { waitForInFlight: true } },
  overtake: {
    words: 'a client whose abort neither waits for in-flight batches nor bumps its epoch (not Kafka 3.9)',
    fills: { waitForInFlight: false },
  },
};

export const txnOffsetFencingVariants: Readonly<
  Record<TxnOffsetFencingVariant, Variant<{ readonly checksGeneration: boolean }>>
> = {
  'group-generation': {
    words: 'TxnOffsetCommit fenced by the group generation (KIP-447)',
    fills: { checksGeneration: true },
  },
  'transactional-id': {
    words: 'TxnOffsetCommit fenced by the transactional.id only (before KIP-447)',
    fills: { checksGeneration: false },
  },
};

export const requireStableVariants: Readonly<
  Record<RequireStableVariant, Variant<{ readonly waitsForPending: boolean }>>
> = {
  true: { words: 'OffsetFetch with require_stable (KIP-447)', fills: { waitsForPending: true } },
  false: {
    words:
      'OffsetFetch without require_stable (before KIP-447: pending transactional offsets are not waited for)',
    fills: { waitsForPending: false },
  },
};

export const consumerPositionValidationVariants: Readonly<
  Record<ConsumerPositionValidationVariant, Variant<{ readonly validates: boolean }>>
> = {
  'leader-epoch': {
    words: 'consumers that validate their position after a leader change (KIP-320)',
    fills: { validates: true },
  },
  none: {
    words: 'consumers that fetch on from their position after a leader change (before KIP-320)',
    fills: { validates: false },
  },
};

/** Every variant slot with its values, as reports and --variant read them. */
export const variantTable: {
  readonly [K in keyof ProtocolVariants]: Readonly<Record<ProtocolVariants[K], Variant<unknown>>>;
} = {
  truncation: truncationVariants,
  firstSequence: firstSequenceVariants,
  transactionVersion: transactionVersions,
  lso: lsoVariants,
  abortInFlight: abortVariants,
  txnOffsetFencing: txnOffsetFencingVariants,
  requireStable: requireStableVariants,
  consumerPositionValidation: consumerPositionValidationVariants,
};

/** Whether TxnOffsetCommit checks the consumer's generation and member id. */
export function txnOffsetCommitChecksGeneration(config: ModelConfig): boolean {
  return txnOffsetFencingVariants[config.variants.txnOffsetFencing].fills.checksGeneration;
}

/**
 * Whether a consumer's OffsetFetch waits while transactional offsets are pending. Kafka 3.9's
 * ConsumerCoordinator asks for stable offsets whatever its isolation.level (KAFKA-9346).
 */
export function offsetFetchWaitsForPending(config: ModelConfig): boolean {
  return requireStableVariants[config.variants.requireStable].fills.waitsForPending;
}

/** Whether a consumer validates its position with OffsetsForLeaderEpoch before it fetches from a new leader. */
export function consumerValidatesPosition(config: ModelConfig): boolean {
  return consumerPositionValidationVariants[config.variants.consumerPositionValidation].fills.validates;
}

/** Whether abortTransaction() waits for the batches still in flight. */
export function abortWaitsForInFlight(config: ModelConfig): boolean {
  return abortVariants[config.variants.abortInFlight].fills.waitForInFlight;
}

/** The configured rule for a PID's first batch. */
export function firstSequenceRule(config: ModelConfig): FirstSequenceRule {
  return firstSequenceVariants[config.variants.firstSequence].fills;
}

/** The configured transaction protocol version's rules. */
export function transactionProtocol(config: ModelConfig): TransactionProtocol {
  return transactionVersions[config.variants.transactionVersion].fills;
}

/** The configured read_committed fetch bound. */
export function lsoBound(config: ModelConfig): LsoBound {
  return lsoVariants[config.variants.lso].fills;
}
