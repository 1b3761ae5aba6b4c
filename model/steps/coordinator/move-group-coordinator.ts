/**
 * Leadership of the group's `__consumer_offsets` partition moves to the next live broker: a fault
 * while the coordinator is up, the only way on once it is down. The new coordinator loads the
 * group and its committed offsets from the log, so nothing committed is lost; members find it
 * again (NOT_COORDINATOR, FindCoordinator).
 */
import { groupOf, withGroup } from '../../group/group.ts';
import type { State } from '../../state.ts';
import type { StepModule } from '../step.ts';

export interface MoveGroupCoordinatorAction {
  readonly type: 'MoveGroupCoordinator';
}

function successor(state: State): number | null {
  const from = groupOf(state).coordinator;
  const n = state.brokers.length;
  for (let i = 1; i < n; i++) {
    const b = (from + i) % n;
    if (state.brokers[b]!.up) return b;
  }
  return null;
}

export const moveGroupCoordinator: StepModule<MoveGroupCoordinatorAction> = {
  type: 'MoveGroupCoordinator',
  actor: 'coordinator',
  fields: {},
  footprint: {
    reads: ['brokers[*].up'],
    writes: ['faultsUsed.groupCoordinatorMove', 'pipeline.group'],
  },
  fault: {
    budget: () => 'groupCoordinatorMove',
    when: (state) => state.brokers[groupOf(state).coordinator]!.up,
  },
  candidates: (config) => (config.pipeline === null ? [] : [{ type: 'MoveGroupCoordinator' }]),
  guard: (_config, state) => successor(state) !== null,
  effect(_config, state) {
    const g = groupOf(state);
    return withGroup(state, {
      ...g,
      coordinator: successor(state)!,
      coordinatorEpoch: g.coordinatorEpoch + 1,
    });
  },
  tell: (_config, before, _a, after) => {
    const g = groupOf(after);
    const was = groupOf(before).coordinator;
    return {
      actor: `group coordinator on broker ${g.coordinator}`,
      message: `takes over the group from broker ${was}${before.brokers[was]!.up ? '' : ' (down)'}: loads generation ${g.generation} and committed offsets ${JSON.stringify(g.committed)} from __consumer_offsets`,
    };
  },
};
