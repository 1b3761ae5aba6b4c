/**
 * The contract every explorer drives, as Stateright's Model trait: an initial state, the actions
 * enabled in a state, the next state, what may happen once faults stop, and the judgements to
 * make. The Kafka model is one instance; any other model can be checked by the same explorers.
 */

/**
 * A judgement of one property: it holds, or it is violated, with why and what shows it. A model's
 * own property types need only be structurally the same (the engine imports no model).
 */
export type Judgement =
  | { readonly holds: true }
  | { readonly holds: false; readonly message: string; readonly evidence: unknown };

/** How the heal phase ended. */
export interface Ending {
  /** Nothing was left to do; false when the heal phase hit its step bound first. */
  readonly quiescent: boolean;
  readonly healSteps: number;
}

export interface Judge<S, A> {
  readonly name: string;
  readonly always?: (state: S) => Judgement;
  readonly everyStep?: (before: S, action: A, after: S) => Judgement;
  readonly atEnd?: (state: S, ending: Ending) => Judgement;
}

export interface WitnessCheck<S, A> {
  readonly name: string;
  readonly seen: (before: S, action: A, after: S) => boolean;
}

/**
 * What each action may read and write in any state: bit sets over the parts of the state it may
 * look at (words [0, w)) and change (words [w, 2w)). Two actions whose footprints share nothing
 * but reads commute, and neither enables or disables the other.
 */
export interface Footprints<A> {
  /** Actions are numbered 0 .. count-1, the same in every state. */
  readonly count: number;
  readonly id: (action: A) => number;
  readonly of: (id: number) => Uint32Array;
}

export interface Model<S, A> {
  readonly initial: S;
  readonly enabled: (state: S) => readonly A[];
  readonly step: (state: S, action: A) => S;
  /**
   * `step` writing into a buffer the caller reuses, for models whose states are bytes of one
   * length (`encode` gives the state itself): the exhaustive explorer then allocates nothing per
   * successor. The result is valid until the next call with the same buffer.
   */
  readonly stepInto?: (state: S, action: A, into: Uint8Array) => S;
  /**
   * What may happen once faults stop: protocol steps and restarts. `late` adds what only a long
   * wait brings (timeouts that give up on work going round in circles). It includes every enabled
   * action that is not a fault, so a heal phase with nothing left to take has ended (ending.ts).
   */
  readonly heal: (state: S, late: boolean) => readonly A[];
  /**
   * Whether nothing but faults is enabled in the state: what `enabled` and `isFault` say, given
   * faster by a model that can tell without listing every action (ending.ts).
   */
  readonly onlyFaults?: (state: S) => boolean;
  /**
   * Names of action kinds, for schedules and swarm testing. A kind may name one actor's share of
   * another after a slash (`Fetch/broker2` of `Fetch`): switching the whole off switches off every share.
   */
  readonly kinds: readonly string[];
  readonly kindOf: (action: A) => string;
  /** The kinds that inject faults; a random schedule asks for them by name. */
  readonly faultKinds: readonly string[];
  readonly isFault: (state: S, action: A) => boolean;
  /** How often a random schedule asks for a fault kind, against 12 for a protocol step. */
  readonly faultWeight: (kind: string) => number;
  /** Whether swarm testing may switch this kind off for a stretch of a schedule. */
  readonly swarmable: (kind: string) => boolean;
  /** A stable text for an action: equal actions, equal keys. */
  readonly key: (action: A) => string;
  /** A stable text for a state: states that mean the same give equal keys. */
  readonly stateKey: (state: S) => string;
  /**
   * What the exhaustive explorer fingerprints: bytes or text that are equal exactly when the
   * states are. Defaults to `stateKey`; a model with a compact encoding gives it here.
   */
  readonly encode?: (state: S) => Uint8Array | string;
  /**
   * The inverse of `encode`, when the encoding holds the whole state: the exhaustive explorer
   * then keeps its queue packed (bytes) or sends text between threads instead of objects.
   */
  readonly decode?: (encoded: Uint8Array | string) => S;
  /**
   * The same for the state's symmetry class: equal for states that differ only by renaming
   * interchangeable actors. Used when symmetry reduction is asked for.
   */
  readonly encodeSymmetric?: (state: S) => Uint8Array | string;
  /** Each action's footprint, for sleep sets (bfs/sleep.ts). */
  readonly footprints?: Footprints<A>;
  readonly judges: readonly Judge<S, A>[];
  readonly witnesses: readonly WitnessCheck<S, A>[];
}

/**
 * How to build a model, as data a worker thread or a checkpoint can carry: the URL of a module
 * and a JSON-serialisable configuration. The module exports `createModel(config)`; the engine
 * imports it and knows no model itself.
 */
export interface ModelFactory {
  /** A module URL (`file:` for a model in this repository). */
  readonly module: string;
  readonly config: unknown;
}
