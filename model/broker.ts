/**
 * Broker processes crashing and restarting. A process crash keeps the OS page cache; a power loss
 * (machine crash) loses everything after each log's flushed prefix.
 */
import type { Action } from './action.ts';
import { isUp, replicaIndex, withPartition, withReplica } from './cluster.ts';
import type { ModelConfig } from './config.ts';
import { fenceBroker } from './controller.ts';
import { updateAt } from './immutable.ts';
import { truncateTo } from './log.ts';
import { failInFlight } from './network.ts';
import { emptyConnection, type State } from './state.ts';

type CrashBrokerAction = Extract<Action, { type: 'CrashBroker' }>;
type RestartBrokerAction = Extract<Action, { type: 'RestartBroker' }>;

export function crashBrokerEnabled(config: ModelConfig, state: State, action: CrashBrokerAction): boolean {
  if (!isUp(state, action.broker)) return false;
  return action.powerLoss
    ? state.faultsUsed.powerLoss < config.faults.powerLoss
    : state.faultsUsed.crash < config.faults.crash;
}

/**
 * The broker dies: requests it had not answered die with it, and the controller fences it once
 * its session times out (modelled as the same step). When only the process dies, the operating
 * system closes its sockets, so every producer sees the disconnect at once, long before the
 * controller's session timeout, and fails what it had in flight there with a NetworkException.
 * A machine that loses power sends nothing: producers notice only when their requests time out.
 */
export function crashBroker(config: ModelConfig, state: State, action: CrashBrokerAction): State {
  const { broker, powerLoss } = action;
  let next: State = {
    ...state,
    brokers: updateAt(state.brokers, broker, () => ({ up: false })),
    connections: state.connections.map((row) => updateAt(row, broker, () => emptyConnection)),
    faultsUsed: powerLoss
      ? { ...state.faultsUsed, powerLoss: state.faultsUsed.powerLoss + 1 }
      : { ...state.faultsUsed, crash: state.faultsUsed.crash + 1 },
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
  }
  if (!powerLoss) {
    next.producers.forEach((_, producer) => {
      next = failInFlight(config, next, { producer, broker }, 'NetworkException');
    });
  }
  return fenceBroker(config, next, broker);
}

/**
 * The broker comes back, once every producer has noticed that its old connections died. Log
 * recovery keeps what the crash left; each replica must truncate against the current leader
 * (or, before KIP-101, to its high watermark) before it fetches again, and stays out of the ISR
 * until it has caught up (KIP-903).
 */
export function restartBrokerEnabled(state: State, action: RestartBrokerAction): boolean {
  if (isUp(state, action.broker)) return false;
  return state.producers.every((p) => (p.inFlight[action.broker]?.length ?? 0) === 0);
}

export function restartBroker(state: State, action: RestartBrokerAction): State {
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
}
