/**
 * The broker dies: requests it had not answered die with it, and the controller fences it once
 * its session times out (modelled as the same step). A process crash keeps the OS page cache, and
 * the operating system closes its sockets, so every producer sees the disconnect at once, long
 * before the controller's session timeout, and fails what it had in flight there with a
 * NetworkException. A machine that loses power loses everything after each log's flushed prefix
 * and sends nothing: producers notice only when their requests time out.
 */

import { disconnected } from '../../clients.ts';
import { isUp, replicaIndex, withPartition, withReplica } from '../../cluster.ts';
import { fenceBroker } from '../../controller/fence.ts';
import { updateAt } from '../../immutable.ts';
import { truncateTo } from '../../log.ts';
import { emptyConnection, type State } from '../../state.ts';
import { perBroker, type StepModule } from '../step.ts';

export interface CrashBrokerAction {
  readonly type: 'CrashBroker';
  readonly broker: number;
  readonly powerLoss: boolean;
}

export const crashBroker: StepModule<CrashBrokerAction> = {
  type: 'CrashBroker',
  actor: 'broker',
  fields: { broker: 'broker', powerLoss: 'boolean' },
  footprint: {
    reads: ['partitions[*].replicas[*].flushedOffset', 'producers[*].status'],
    writes: [
      'brokers[broker].up',
      'connections[*][broker].orphans',
      'connections[*][broker].requests',
      'connections[*][broker].requestsLost',
      'connections[*][broker].responsesLost',
      'faultsUsed.crash',
      'faultsUsed.powerLoss',
      'partitions[*].isr',
      'partitions[*].leader',
      'partitions[*].replicas[*].log',
      'partitions[*].replicas[*].logEndOffset',
      'producers[*].inFlight',
      'producers[*].partitions',
      'producers[*].transaction',
      'sends[*]',
    ],
  },
  // Most of Kafka's losses need a crash at the right moment, and the budget bounds them anyway.
  fault: { budget: (a) => (a.powerLoss ? 'powerLoss' : 'crash'), weight: 3 },
  candidates: (config) =>
    perBroker(config, (broker) =>
      [false, true].map((powerLoss) => ({ type: 'CrashBroker' as const, broker, powerLoss })),
    ).flat(),
  guard: (_config, state, action) => isUp(state, action.broker),
  effect(config, state, action) {
    const { broker, powerLoss } = action;
    let next: State = {
      ...state,
      brokers: updateAt(state.brokers, broker, () => ({ up: false })),
      connections: state.connections.map((row) => updateAt(row, broker, () => emptyConnection)),
    };
    if (powerLoss) {
      next.partitions.forEach((p, partition) => {
        if (replicaIndex(p, broker) < 0) return;
        next = withPartition(
          next,
          partition,
          withReplica(p, broker, (r) => truncateTo(r, r.flushedOffset)),
        );
      });
    } else {
      next.producers.forEach((_, producer) => {
        next = disconnected(config, next, producer, broker, 'NetworkException');
      });
    }
    return fenceBroker(next, broker);
  },
  tell: (_config, _before, a) => ({
    actor: `broker ${a.broker}`,
    message: a.powerLoss
      ? 'loses power: every log falls back to its flushed prefix'
      : 'crashes (the process dies; the page cache survives)',
  }),
};
