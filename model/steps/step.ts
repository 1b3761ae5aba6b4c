/**
 * What a protocol step module declares about itself. Each step of the model is one module named
 * after the Kafka request or event it models; the registry lists the modules, and everything that
 * enumerates, routes, validates, schedules or tells actions is derived from these declarations.
 */
import {
  type FaultKind,
  inputPartitionCount,
  isWorkloadProducer,
  type ModelConfig,
  replicaBrokers,
} from '../config.ts';
import type { FootprintPaths } from '../footprint.ts';
import type { State } from '../state.ts';

/** An action: a step's name and the actors it acts on. */
export interface ActionShape {
  readonly type: string;
}

/** Who takes a step, for the story and the layout of the steps folder. */
export type Actor =
  | 'application'
  | 'producer'
  | 'broker'
  | 'coordinator'
  | 'controller'
  | 'consumer'
  | 'network';

/**
 * What one field of an action holds: an actor id of that kind, a boolean, or one of a few words.
 * The trace file's schema is built from these.
 */
export type FieldKind =
  | 'producer'
  | 'broker'
  | 'partition'
  | 'consumer'
  | 'boolean'
  | readonly [string, ...string[]];

/** How a counterexample's story tells a step: who acted, and the request or event in Kafka's words. */
export interface Told {
  readonly actor: string;
  readonly message: string;
}

/** A step that injects a fault, and the budget it spends. */
export interface FaultDeclaration<A extends ActionShape> {
  /** The budget the fault spends; the machine checks and charges it, never the step itself. */
  budget(action: A): FaultKind;
  /** Whether the step is a fault in this state; when absent, it always is. */
  when?(state: State, action: A): boolean;
  /** How often a random schedule asks for it, against 12 for a protocol step (default 1). */
  readonly weight?: number;
  /**
   * Whether the step may still fire once faults stop (the heal phase), without regard to its
   * budget: a timeout that is the only way out of a stalled connection, say. `late`: the cluster
   * has had long enough for the long timeouts. Absent: never in the heal phase.
   */
  heal?(config: ModelConfig, state: State, action: A, late: boolean): boolean;
}

export interface StepModule<A extends ActionShape> {
  readonly type: A['type'];
  readonly actor: Actor;
  /** The action's fields besides `type`, in the order keys are written. */
  readonly fields: { readonly [K in Exclude<keyof A, 'type'>]: FieldKind };
  /** Every action of this step the configuration allows, in the order `enabled` lists them. */
  candidates(config: ModelConfig): readonly A[];
  /** Whether the step can happen in this state. It decides; it does not compute the effect. */
  guard(config: ModelConfig, state: State, action: A): boolean;
  /** The next state. Defined whenever the guard holds; reactions run after it (see reactions.ts). */
  effect(config: ModelConfig, state: State, action: A): State;
  /**
   * What the guard and the effect may read and write, as paths into the state written with the
   * action's fields (footprint.ts); the machine adds the fault budget and the reactions. Absent:
   * the step may touch anything, so the search takes it as dependent on every other.
   */
  readonly footprint?: FootprintPaths;
  /** Present for a fault. */
  readonly fault?: FaultDeclaration<A>;
  /** The application's workload: swarm testing never switches it off (a run without sends tests nothing). */
  readonly alwaysOn?: boolean;
  tell(config: ModelConfig, before: State, action: A, after: State): Told;
}

/** 0, 1, ..., n-1. */
export function range(n: number): readonly number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** One action per producer. */
export function perProducer<A>(config: ModelConfig, make: (producer: number) => A): readonly A[] {
  return range(config.producers).map(make);
}

/**
 * One action per producer writing the input workload: an application instance's output producer
 * is driven by its instance instead (sends from processing, crashes and pauses with the instance).
 */
export function perWorkloadProducer<A>(config: ModelConfig, make: (producer: number) => A): readonly A[] {
  return range(config.producers)
    .filter((producer) => isWorkloadProducer(config, producer))
    .map(make);
}

/** One action per broker. */
export function perBroker<A>(config: ModelConfig, make: (broker: number) => A): readonly A[] {
  return range(config.brokers).map(make);
}

/** One action per producer and broker: a connection. */
export function perConnection<A>(
  config: ModelConfig,
  make: (producer: number, broker: number) => A,
): readonly A[] {
  return range(config.producers).flatMap((producer) =>
    range(config.brokers).map((broker) => make(producer, broker)),
  );
}

/** One action per application instance of the pipeline; none without a pipeline. */
export function perConsumer<A>(config: ModelConfig, make: (consumer: number) => A): readonly A[] {
  return range(config.pipeline?.consumers ?? 0).map(make);
}

/** One action per application instance and partition; none without a pipeline. */
export function perConsumerPartition<A>(
  config: ModelConfig,
  make: (consumer: number, partition: number) => A,
): readonly A[] {
  return perConsumer(config, (c) => c).flatMap((c) =>
    range(inputPartitionCount(config)).map((p) => make(c, p)),
  );
}

/** One action per producer and partition. */
export function perProducerPartition<A>(
  config: ModelConfig,
  make: (producer: number, partition: number) => A,
): readonly A[] {
  return range(config.producers).flatMap((producer) =>
    range(config.partitions).map((partition) => make(producer, partition)),
  );
}

/** One action per partition and each broker hosting a replica of it, in assignment order. */
export function perReplica<A>(
  config: ModelConfig,
  make: (partition: number, broker: number) => A,
): readonly A[] {
  return range(config.partitions).flatMap((partition) =>
    replicaBrokers(config, partition).map((broker) => make(partition, broker)),
  );
}
