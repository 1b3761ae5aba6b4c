/**
 * The broker comes back, once every producer has noticed that its old connections died. Log
 * recovery keeps what the crash left; each replica must truncate against the current leader
 * (or, before KIP-101, to its high watermark) before it fetches again, and stays out of the ISR
 * until it has caught up (KIP-903).
 */
import { isUp, replicaIndex, withPartition, withReplica } from '../../cluster.ts';
import { updateAt } from '../../immutable.ts';
import type { State } from '../../state.ts';
import { perBroker, type StepModule } from '../step.ts';

export interface RestartBrokerAction {
  readonly type: 'RestartBroker';
  readonly broker: number;
}

export const restartBroker: StepModule<RestartBrokerAction> = {
  type: 'RestartBroker',
  actor: 'broker',
  fields: { broker: 'broker' },
  footprint: {
    reads: ['producers[*].inFlight'],
    writes: ['brokers[broker].up', 'partitions[*].replicas[*].leaderEpoch'],
  },
  candidates: (config) => perBroker(config, (broker) => ({ type: 'RestartBroker', broker })),
  guard: (_config, state, action) =>
    !isUp(state, action.broker) &&
    state.producers.every((p) => (p.inFlight[action.broker]?.length ?? 0) === 0),
  effect(_config, state, action) {
    let next: State = { ...state, brokers: updateAt(state.brokers, action.broker, () => ({ up: true })) };
    next.partitions.forEach((p, partition) => {
      if (replicaIndex(p, action.broker) < 0) return;
      next = withPartition(
        next,
        partition,
        withReplica(p, action.broker, (r) => ({ ...r, leaderEpoch: -1 })),
      );
    });
    return next;
  },
  tell: (_config, _before, a) => ({ actor: `broker ${a.broker}`, message: 'restarts' }),
};
