/**
 * Random schedules for fast-check. A schedule starts at the initial state or at a state a short
 * breadth-first search reached (prefix.ts: through protocol steps only, or through every
 * action), a third of them each, then goes on with a few segments; each segment
 * switches some kinds of action off (swarm testing, so that, say, followers stop fetching for a
 * while and a fault lands in the window that opens) and lists intents. Most intents are `Step`: take one of the
 * protocol actions enabled now; the others ask for a fault of a given kind. fast-check shrinks
 * towards the initial state or a shallower prefix, fewer segments, fewer intents and plainer picks.
 */
import fc from 'fast-check';
import type { Model } from '../contract.ts';
import { prefixesOf } from './prefix.ts';

/** A protocol step, or a fault of a named kind; `pick` chooses among the enabled candidates. */
export interface Intent {
  readonly kind: string;
  readonly pick: number;
}

export interface Segment {
  /** Kinds this segment never takes. */
  readonly off: readonly string[];
  readonly intents: readonly Intent[];
}

export interface Schedule {
  /** Where the schedule starts: indices into `enabled`, state by state, from the initial state. */
  readonly prefix: readonly number[];
  readonly segments: readonly Segment[];
}

export const STEP = 'Step';

/** The weight of a protocol step against the fault kinds' weights. */
const STEP_WEIGHT = 12;

export interface ScheduleShape {
  readonly segmentsMax: number;
  readonly intentsPerSegmentMax: number;
  /** The breadth-first search's budget for the prefixes; 1 starts every schedule at the initial state. */
  readonly prefixStates: number;
}

export const defaultShape: ScheduleShape = { segmentsMax: 3, intentsPerSegmentMax: 40, prefixStates: 5_000 };

export function scheduleArbitrary<S, A>(
  model: Model<S, A>,
  shape: ScheduleShape = defaultShape,
): fc.Arbitrary<Schedule> {
  const kind = fc.oneof(
    { arbitrary: fc.constant(STEP), weight: STEP_WEIGHT },
    ...model.faultKinds.map((k) => ({ arbitrary: fc.constant(k), weight: model.faultWeight(k) })),
  );
  const intent = fc.record({ kind, pick: fc.nat({ max: 7 }) });
  const swarmable = model.kinds.filter((k) => model.swarmable(k));
  const segment = fc.record({
    off: fc.subarray([...swarmable]),
    intents: fc.array(intent, { maxLength: shape.intentsPerSegmentMax, size: 'max' }),
  });
  const initial: readonly number[] = [];
  const pools = [prefixesOf(model, shape.prefixStates, false), prefixesOf(model, shape.prefixStates, true)];
  // A third of the schedules start at the initial state, a third in each pool, any state in it as likely.
  const starts = pools
    .filter((pool) => pool.size > 1)
    .map((pool) => fc.nat({ max: pool.size - 1 }).map((index) => pool.pathOf(index)));
  return fc.record({
    prefix: starts.length === 0 ? fc.constant(initial) : fc.oneof(fc.constant(initial), ...starts),
    segments: fc.array(segment, { minLength: 1, maxLength: shape.segmentsMax, size: 'max' }),
  });
}

/**
 * Whether a kind is switched off. A kind may name one actor's share of another after a slash
 * (`Fetch/broker2`): switching off the whole (`Fetch`) switches off every share.
 */
function isOff(off: ReadonlySet<string>, kind: string): boolean {
  if (off.has(kind)) return true;
  const slash = kind.indexOf('/');
  return slash >= 0 && off.has(kind.slice(0, slash));
}

/** The action an intent takes in a state, or null when it has nothing to take. */
export function resolveIntent<S, A>(
  model: Model<S, A>,
  state: S,
  off: ReadonlySet<string>,
  intent: Intent,
): A | null {
  if (off.has(intent.kind)) return null;
  const enabled = model.enabled(state);
  const candidates =
    intent.kind === STEP
      ? enabled.filter((a) => !model.isFault(state, a) && !isOff(off, model.kindOf(a)))
      : enabled.filter((a) => model.kindOf(a) === intent.kind);
  return candidates.length === 0 ? null : candidates[intent.pick % candidates.length]!;
}
