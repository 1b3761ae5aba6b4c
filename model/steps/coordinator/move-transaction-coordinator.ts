/**
 * Leadership of the transactional.id's `__transaction_state` partition moves to the next live
 * broker: a fault while the coordinator is up, the only way on once it is down. The new
 * coordinator loads the durable state with a higher coordinator epoch and writes again every
 * marker of a prepared transaction; requests still queued at the old one get NOT_COORDINATOR.
 */
import { isUp } from '../../cluster.ts';
import type { State } from '../../state.ts';
import { transactionAt, withTransaction } from '../../transactions/metadata.ts';
import { perProducer, type StepModule } from '../step.ts';

export interface MoveTransactionCoordinatorAction {
  readonly type: 'MoveTransactionCoordinator';
  readonly producer: number;
}

/** The next live broker after the current coordinator, round robin, or null. */
function successor(state: State, producer: number): number | null {
  const from = transactionAt(state, producer).coordinator;
  const n = state.brokers.length;
  for (let i = 1; i < n; i++) {
    const b = (from + i) % n;
    if (isUp(state, b)) return b;
  }
  return null;
}

export const moveTransactionCoordinator: StepModule<MoveTransactionCoordinatorAction> = {
  type: 'MoveTransactionCoordinator',
  actor: 'coordinator',
  fields: { producer: 'producer' },
  footprint: {
    reads: ['brokers[*].up'],
    writes: [
      'faultsUsed.coordinatorMove',
      'transactions[producer].coordinator',
      'transactions[producer].coordinatorEpoch',
      'transactions[producer].pendingMarkers',
    ],
  },
  fault: {
    budget: () => 'coordinatorMove',
    when: (state, a) => isUp(state, transactionAt(state, a.producer).coordinator),
  },
  candidates: (config) =>
    config.transactionalId === null
      ? []
      : perProducer(config, (producer) => ({ type: 'MoveTransactionCoordinator', producer })),
  guard: (_config, state, a) => successor(state, a.producer) !== null,
  effect(_config, state, a) {
    const t = transactionAt(state, a.producer);
    return withTransaction(state, a.producer, {
      ...t,
      coordinator: successor(state, a.producer)!,
      coordinatorEpoch: t.coordinatorEpoch + 1,
      pendingMarkers: t.pendingMarkers.map((m) => ({ ...m, offset: -1, leaderEpoch: -1 })),
    });
  },
  tell(_config, before, a, after) {
    const t = transactionAt(after, a.producer);
    const was = transactionAt(before, a.producer).coordinator;
    return {
      actor: `coordinator on broker ${t.coordinator}`,
      message: `takes over transactional.id ${a.producer} from broker ${was}${isUp(before, was) ? '' : ' (down)'} at coordinator epoch ${t.coordinatorEpoch}; loads it ${t.state}${t.pendingMarkers.length > 0 ? ' and writes its markers again' : ''}`,
    };
  },
};
