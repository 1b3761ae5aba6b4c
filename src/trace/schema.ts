/**
 * The trace file: a versioned JSON document that holds everything a replay needs (the effective
 * model configuration, the seed and path that generated the schedule, the applied actions) and
 * what the run found. Parsing checks every field, so a hand-edited or outdated file is refused
 * with a message that names what is wrong.
 */
import { z } from 'zod';
import {
  type AbortVariant,
  type Action,
  type AnyStep,
  type AssignorName,
  allSteps,
  type CommitStrategy,
  type ConsumerPositionValidationVariant,
  defaultConfig,
  defaultFaults,
  type FieldKind,
  type FirstSequenceVariant,
  type IsolationLevel,
  type LsoVariant,
  type ModelConfig,
  type OffsetReset,
  type PipelineConfig,
  type RequireStableVariant,
  type SendOffsetsWith,
  type SinkKind,
  type TransactionVersion,
  type TruncationVariant,
  type TxnOffsetFencingVariant,
  variantTable,
} from '../../model/index.ts';
import { configProblem } from '../config/bounds.ts';
import { FAULT_BUDGET_MAX } from '../config/faults.ts';
import { commitStrategies, scenarioRanges, sendOffsetsChoices, sinkKinds } from '../config/scenario.ts';

export const TRACE_FORMAT = 'deliverycheck-trace';
export const TRACE_VERSION = 1;

const id = z.number().int().min(0).max(63);

/** An action field's schema, from what its step module declares it holds. */
function fieldSchema(kind: FieldKind): z.ZodType {
  if (kind === 'boolean') return z.boolean();
  if (typeof kind === 'string') return id;
  return z.enum(kind);
}

/** One schema per registered step module, built from its declared fields. */
export function stepSchema(module: AnyStep): z.ZodObject {
  const fields = Object.entries(module.fields as Readonly<Record<string, FieldKind>>).map(
    ([name, kind]) => [name, fieldSchema(kind)] as const,
  );
  return z.strictObject({ type: z.literal(module.type), ...Object.fromEntries(fields) });
}

const [firstStep, ...otherSteps] = allSteps.map(stepSchema);

/** Every registered step's action; the registry's types guarantee the shape (tested per step). */
const actionSchema = z.discriminatedUnion('type', [
  firstStep!,
  ...otherSteps,
]) as unknown as z.ZodType<Action>;

const count = z.number().int().min(0);
const positive = z.number().int().min(1);
/** A fault budget, within what --faults takes. */
const budget = count.max(FAULT_BUDGET_MAX);
/** A Java int: transaction.timeout.ms has no validator in ProducerConfig. */
const javaInt = z.number().int().min(-2147483648).max(2147483647);

/**
 * The model configuration. Fields added after version 1 traces were first written (the
 * transaction settings, budgets and variants) default to Kafka's values when absent, so older
 * trace files still read and replay as the non-transactional runs they were.
 */
/** The consume-process-produce application; absent in trace files older than consumer groups. */
const pipelineSchema = z.strictObject({
  consumers: positive.max(4),
  commit: z.enum(commitStrategies as [CommitStrategy, ...CommitStrategy[]]),
  sink: z.enum(sinkKinds as [SinkKind, ...SinkKind[]]),
  assignor: z.enum(['range', 'roundrobin', 'sticky', 'cooperative-sticky'] satisfies AssignorName[]),
  staticMembership: z.boolean(),
  autoOffsetReset: z.enum(['latest', 'earliest', 'none'] satisfies OffsetReset[]),
  maxPollRecords: positive,
  inputPartitions: positive.max(scenarioRanges.partitions.max),
  workloadProducers: positive.max(scenarioRanges.producers.max),
  sendOffsets: z.enum(sendOffsetsChoices as [SendOffsetsWith, ...SendOffsetsWith[]]),
}) satisfies z.ZodType<PipelineConfig>;

const configSchema = z
  .strictObject({
    brokers: positive.max(scenarioRanges.brokers.max),
    // One more than the flag allows for an exactly-once application's output topic (configProblem).
    partitions: positive.max(scenarioRanges.partitions.max + 1),
    replicationFactor: positive.max(scenarioRanges.brokers.max),
    minInsyncReplicas: positive,
    uncleanLeaderElectionEnable: z.boolean(),
    /** Kafka's Long.MAX_VALUE (never flush) is beyond JSON's exact integers, so no integer check. */
    flushMessages: z.number().min(1),
    acks: z.enum(['0', '1', 'all']),
    retries: count,
    enableIdempotence: z.boolean(),
    maxInFlightRequestsPerConnection: positive,
    batchSize: positive,
    deliveryTimeoutMs: count,
    requestTimeoutMs: count,
    lingerMs: count,
    transactionalId: z.string().min(1).nullable().default(defaultConfig.transactionalId),
    transactionTimeoutMs: javaInt.default(defaultConfig.transactionTimeoutMs),
    transactionMaxTimeoutMs: positive.default(defaultConfig.transactionMaxTimeoutMs),
    transactionPartitionVerificationEnable: z
      .boolean()
      .default(defaultConfig.transactionPartitionVerificationEnable),
    isolationLevel: z
      .enum(['read_uncommitted', 'read_committed'] satisfies IsolationLevel[])
      .default(defaultConfig.isolationLevel),
    pipeline: pipelineSchema.nullable().default(defaultConfig.pipeline),
    // One more per exactly-once application instance (configProblem).
    producers: positive.max(scenarioRanges.producers.max + scenarioRanges.consumers.max),
    records: positive.max(scenarioRanges.records.max),
    onFailure: z.enum(['give-up', 'resend']),
    transactionRecords: positive
      .max(scenarioRanges.transactionRecords.max)
      .default(defaultConfig.transactionRecords),
    faults: z.strictObject({
      crash: budget,
      powerLoss: budget,
      network: budget,
      deliveryTimeout: budget,
      isr: budget,
      producerRestart: budget,
      abort: budget.default(defaultFaults.abort),
      producerStall: budget.default(defaultFaults.producerStall),
      coordinatorMove: budget.default(defaultFaults.coordinatorMove),
      consumerCrash: budget.default(defaultFaults.consumerCrash),
      consumerPause: budget.default(defaultFaults.consumerPause),
      rebalance: budget.default(defaultFaults.rebalance),
      groupCoordinatorMove: budget.default(defaultFaults.groupCoordinatorMove),
    }),
    variants: z.strictObject({
      truncation: z.enum(Object.keys(variantTable.truncation) as [TruncationVariant]),
      firstSequence: z.enum(Object.keys(variantTable.firstSequence) as [FirstSequenceVariant]),
      transactionVersion: z
        .enum(Object.keys(variantTable.transactionVersion) as [TransactionVersion])
        .default(defaultConfig.variants.transactionVersion),
      lso: z.enum(Object.keys(variantTable.lso) as [LsoVariant]).default(defaultConfig.variants.lso),
      abortInFlight: z
        .enum(Object.keys(variantTable.abortInFlight) as [AbortVariant])
        .default(defaultConfig.variants.abortInFlight),
      txnOffsetFencing: z
        .enum(Object.keys(variantTable.txnOffsetFencing) as [TxnOffsetFencingVariant])
        .default(defaultConfig.variants.txnOffsetFencing),
      requireStable: z
        .enum(Object.keys(variantTable.requireStable) as [RequireStableVariant])
        .default(defaultConfig.variants.requireStable),
      consumerPositionValidation: z
        .enum(Object.keys(variantTable.consumerPositionValidation) as [ConsumerPositionValidationVariant])
        .default(defaultConfig.variants.consumerPositionValidation),
    }),
  })
  .superRefine((config, context) => {
    const problem = configProblem(config as ModelConfig);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  }) satisfies z.ZodType<ModelConfig>;

export const traceSchema = z
  .strictObject({
    format: z.literal(TRACE_FORMAT),
    version: z.literal(TRACE_VERSION),
    /** The deliverycheck version that wrote it, for humans. */
    tool: z.string(),
    /** The protocol checked, in words (Kafka version and variants). */
    protocol: z.string(),
    preset: z.string().nullable(),
    /** The Kafka settings that shaped the config, for humans; replay reads `config`. */
    settings: z.array(z.strictObject({ key: z.string(), value: z.string(), source: z.string() })),
    config: configSchema,
    /** Which explorer found it: `random` (seed and path regenerate it) or `exhaustive` (BFS). */
    explorer: z.enum(['random', 'exhaustive']).optional(),
    seed: z.number().int(),
    path: z.string(),
    /** The prefix pool's budget the random schedule was drawn with (1: from the initial state). */
    prefixStates: z.number().int().min(1).optional(),
    property: z.string(),
    message: z.string(),
    /** `safety`: broken on a state or step; `end`: broken once faults stopped. */
    kind: z.enum(['safety', 'end']),
    /** Index in `actions` where the heal phase began. */
    healFrom: count,
    actions: z.array(actionSchema),
  })
  .superRefine((trace, context) => {
    if (trace.healFrom > trace.actions.length) {
      context.addIssue({
        code: 'custom',
        path: ['healFrom'],
        message: `is ${trace.healFrom}, beyond the trace's ${trace.actions.length} actions`,
      });
    }
  });

export type Trace = z.infer<typeof traceSchema>;
