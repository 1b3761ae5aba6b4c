/**
 * The Kafka reference model bound to one configuration, as the explorers see it: the model's
 * transitions plus the properties and reachability partners that judge them.
 */
import {
  type Action,
  actionKey,
  actionTypesFor,
  allSteps,
  candidatesOf,
  enabled,
  faultTypesFor,
  footprintsOf,
  healEnabled,
  initialState,
  isFault,
  type ModelConfig,
  onlyFaultsEnabled,
  type State,
  step,
} from '../../model/index.ts';
import { properties } from '../../properties/index.ts';
import type { PropertyName } from '../../properties/property.ts';
import { witnesses } from '../../properties/witnesses.ts';
import type { Footprints, Model } from '../engines/contract.ts';
import { type KafkaEncoding, kafkaCodec } from './kafka-encoding.ts';

/** How often a random schedule asks for each fault, as its step module declares. */
const faultWeights: ReadonlyMap<string, number> = new Map(
  allSteps.flatMap((m) => (m.fault === undefined ? [] : [[m.type, m.fault.weight ?? 1] as const])),
);

/** The application's workload, which swarm testing never switches off, as the step modules declare. */
const alwaysOn: ReadonlySet<string> = new Set(allSteps.filter((m) => m.alwaysOn === true).map((m) => m.type));

/**
 * With transactions, a request read off a connection its client already closed (a delayed
 * request) is a kind of its own, so swarm testing can hold delayed requests back while a
 * transaction ends, the way KIP-890's scenarios need. Without transactions the kinds are the
 * step types the configuration has actions of, as they were before transactions.
 */
const lateKinds: readonly string[] = allSteps
  .filter((m) => (m.fields as Record<string, unknown>).from !== undefined)
  .map((m) => `${m.type}:late`);

/**
 * Where a partition has two followers or more, each follower's fetching is also a kind of its own
 * (`Fetch/broker2`), so swarm testing can stop one follower while another keeps up: the window an
 * ISR shrink and an unclean election need (the follower left behind is the one elected).
 * Switching `Fetch` off still stops them all. With one follower or none the kinds, and so the
 * schedules, are as they were.
 */
function perFollower(config: ModelConfig, types: readonly string[]): boolean {
  return config.replicationFactor >= 3 && types.includes('Fetch');
}

function kindsFor(config: ModelConfig): { kinds: readonly string[]; kindOf: (a: Action) => string } {
  const types = actionTypesFor(config);
  const split = perFollower(config, types);
  const kinds = split
    ? [...types, ...Array.from({ length: config.brokers }, (_, broker) => `Fetch/broker${broker}`)]
    : types;
  const own = (action: Action) =>
    split && action.type === 'Fetch' ? `Fetch/broker${action.broker}` : action.type;
  if (config.transactionalId === null) return { kinds, kindOf: own };
  return {
    kinds: [...kinds, ...lateKinds],
    kindOf: (action) => ('from' in action && action.from === 'orphan' ? `${action.type}:late` : own(action)),
  };
}

/** A state's JSON: its key, readable and stable (the random explorer's heal phase keys states by it). */
const json = (state: State): string => JSON.stringify(state);

export interface KafkaModelOptions {
  /** What the exhaustive explorer fingerprints and packs its levels with (kafka-encoding.ts); bytes by default. */
  readonly encoding?: KafkaEncoding;
}

export function kafkaModel(
  config: ModelConfig,
  judged: readonly PropertyName[] | 'all' = 'all',
  options: KafkaModelOptions = {},
): Model<State, Action> {
  const chosen = properties.filter((p) => judged === 'all' || judged.includes(p.name));
  return {
    initial: initialState(config),
    enabled: (state) => enabled(config, state),
    step: (state, action) => step(config, state, action),
    heal: (state, late) => healEnabled(config, state, late),
    onlyFaults: (state) => onlyFaultsEnabled(config, state),
    ...kindsFor(config),
    faultKinds: faultTypesFor(config),
    isFault,
    faultWeight: (kind) => faultWeights.get(kind) ?? 1,
    swarmable: (kind) => !alwaysOn.has(kind),
    key: actionKey,
    stateKey: json,
    ...kafkaCodec(config, options.encoding ?? 'bytes'),
    footprints: footprinted(config),
    judges: chosen.map((p) => ({
      name: p.name,
      ...(p.always ? { always: (s: State) => p.always!(config, s) } : {}),
      ...(p.everyStep ? { everyStep: (b: State, a: Action, s: State) => p.everyStep!(config, b, a, s) } : {}),
      ...(p.atEnd
        ? { atEnd: (s: State, e: Parameters<NonNullable<typeof p.atEnd>>[2]) => p.atEnd!(config, s, e) }
        : {}),
    })),
    witnesses: witnesses.map((w) => ({ name: w.name, seen: (b, a, s) => w.seen(config, b, a, s) })),
  };
}

/** Each action's declared footprint, for sleep sets: worked out on first use, as only explore asks. */
function footprinted(config: ModelConfig): Footprints<Action> {
  return {
    count: candidatesOf(config).length,
    id: actionIds(config),
    of: (id) => footprintsOf(config)[id]!,
  };
}

/** Each action's place among the configuration's candidates: `enabled` returns those very objects. */
function actionIds(config: ModelConfig): (action: Action) => number {
  let ids: Map<Action, number> | null = null;
  return (action) => {
    ids ??= new Map(candidatesOf(config).map((a, i) => [a, i]));
    const id = ids.get(action);
    if (id === undefined) throw new RangeError(`${actionKey(action)} is not one of enabled's actions`);
    return id;
  };
}

/** What a `ModelFactory` naming this module carries (see src/adapters/spec.ts). */
export interface KafkaFactoryConfig {
  readonly config: ModelConfig;
  readonly judged: readonly PropertyName[] | 'all';
  readonly encoding?: KafkaEncoding;
}

/** The well-known export a worker thread calls to build the model from factory data. */
export function createModel(factory: KafkaFactoryConfig): Model<State, Action> {
  return kafkaModel(
    factory.config,
    factory.judged,
    factory.encoding === undefined ? {} : { encoding: factory.encoding },
  );
}
