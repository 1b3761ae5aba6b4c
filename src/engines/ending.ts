/**
 * The one definition of "the run has ended": nothing but faults is enabled in the state, or
 * nothing is. The exhaustive explorer judges the end-to-end properties on such states; the random
 * explorer's heal phase and replay tell the properties with it whether the heal phase settled.
 *
 * A model's `heal` includes every enabled action that is not a fault, so a heal phase whose
 * scheduler has nothing left to take has ended. It may include more: faults that still fire once
 * faults stop (a request timeout where a lost message stalled a connection). A state where only
 * those remain has ended all the same, as the exhaustive explorer has always counted it.
 */
import type { Model } from './contract.ts';

export function ended<S, A>(model: Model<S, A>, state: S): boolean {
  if (model.onlyFaults !== undefined) return model.onlyFaults(state);
  return model.enabled(state).every((action) => model.isFault(state, action));
}
