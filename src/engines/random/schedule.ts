/**
 * Random schedules for fast-check. A schedule is a few segments; each segment switches some kinds
 * of action off (swarm testing, so that, say, followers stop fetching for a while and a fault
 * lands in the window that opens) and lists intents. Most intents are `Step`: take one of the
 * protocol actions enabled now; the others ask for a fault of a given kind. fast-check shrinks
 * towards fewer segments, fewer intents and plainer picks.
 */
import fc from 'fast-check';
import type { Model } from '../contract.ts';

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
  readonly segments: readonly Segment[];
}

export const STEP = 'Step';

/** The weight of a protocol step against the fault kinds' weights. */
const STEP_WEIGHT = 12;

export interface ScheduleShape {
  readonly segmentsMax: number;
  readonly intentsPerSegmentMax: number;
}

export const defaultShape: ScheduleShape = { segmentsMax: 3, intentsPerSegmentMax: 40 };

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
  return fc.record({
    segments: fc.array(segment, { minLength: 1, maxLength: shape.segmentsMax, size: 'max' }),
  });
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
      ? enabled.filter((a) => !model.isFault(state, a) && !off.has(model.kindOf(a)))
      : enabled.filter((a) => model.kindOf(a) === intent.kind);
  return candidates.length === 0 ? null : candidates[intent.pick % candidates.length]!;
}
