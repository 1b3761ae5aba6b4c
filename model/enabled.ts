/**
 * Every action possible in a state, in a fixed order: by action type as `actionTypes` lists
 * them, then by actor ids ascending. Each guard lives beside its action's effect; this file only
 * enumerates candidates and asks them.
 */
import { type Action, faultTypes } from './action.ts';
import { crashBrokerEnabled, restartBrokerEnabled } from './broker.ts';
import type { ModelConfig } from './config.ts';
import { replicaBrokers } from './config.ts';
import { electLeaderEnabled } from './controller.ts';
import {
  loseRequestEnabled,
  loseResponseEnabled,
  requestTimeoutEnabled,
  requestTimeoutPossible,
  resetConnectionEnabled,
  resetConnectionIsFault,
} from './network.ts';
import { handleProduceEnabled } from './produce.ts';
import { crashProducerEnabled, restartProducerEnabled, sendEnabled } from './producer/application.ts';
import {
  bumpProducerEpochEnabled,
  expireBatchEnabled,
  expireBatchPossible,
  handleProduceResponseEnabled,
  initProducerIdEnabled,
} from './producer/client.ts';
import { sendProduceEnabled } from './producer/drain.ts';
import { fetchEffect, shrinkIsrEnabled } from './replication.ts';
import type { State } from './state.ts';
import { truncationProtocol } from './truncation/protocol.ts';

function range(n: number): readonly number[] {
  return Array.from({ length: n }, (_, i) => i);
}

export function enabled(config: ModelConfig, state: State): readonly Action[] {
  const actions: Action[] = [];
  const producers = range(config.producers);
  const brokers = range(config.brokers);
  const partitions = range(config.partitions);
  const add = (action: Action, guard: boolean): void => {
    if (guard) actions.push(action);
  };

  for (const producer of producers)
    add({ type: 'Send', producer }, sendEnabled(config, state, { type: 'Send', producer }));
  if (config.enableIdempotence) {
    for (const producer of producers) {
      const a: Action = { type: 'InitProducerId', producer };
      add(a, initProducerIdEnabled(state, a));
    }
  }
  for (const producer of producers) {
    for (const partition of partitions) {
      const a = { type: 'SendProduce', producer, partition } as const;
      add(a, sendProduceEnabled(config, state, a));
    }
  }
  for (const producer of producers) {
    for (const broker of brokers) {
      for (const from of ['connection', 'orphan'] as const) {
        const a = { type: 'HandleProduce', producer, broker, from } as const;
        add(a, handleProduceEnabled(state, a));
      }
    }
  }
  for (const producer of producers) {
    for (const broker of brokers) {
      const a = { type: 'HandleProduceResponse', producer, broker } as const;
      add(a, handleProduceResponseEnabled(state, a));
    }
  }
  if (config.enableIdempotence) {
    for (const producer of producers) {
      const a = { type: 'BumpProducerEpoch', producer } as const;
      add(a, bumpProducerEpochEnabled(state, a));
    }
  }
  for (const partition of partitions) {
    for (const broker of replicaBrokers(config, partition)) {
      const a = { type: 'Fetch', partition, broker } as const;
      add(a, fetchEffect(config, state, a) !== null);
    }
  }
  actions.push(...truncationProtocol(config).enabled(state));
  for (const partition of partitions) {
    for (const broker of replicaBrokers(config, partition)) {
      const a = { type: 'ElectLeader', partition, broker } as const;
      add(a, electLeaderEnabled(config, state, a));
    }
  }
  for (const broker of brokers) {
    const a = { type: 'RestartBroker', broker } as const;
    add(a, restartBrokerEnabled(state, a));
  }
  for (const producer of producers) {
    const a = { type: 'RestartProducer', producer } as const;
    add(a, restartProducerEnabled(state, a));
  }
  for (const broker of brokers) {
    for (const powerLoss of [false, true]) {
      const a = { type: 'CrashBroker', broker, powerLoss } as const;
      add(a, crashBrokerEnabled(config, state, a));
    }
  }
  if (state.faultsUsed.isr < config.faults.isr) {
    for (const partition of partitions) {
      for (const broker of replicaBrokers(config, partition)) {
        const a = { type: 'ShrinkIsr', partition, broker } as const;
        add(a, shrinkIsrEnabled(state, a));
      }
    }
  }
  for (const producer of producers) {
    for (const broker of brokers) {
      const lose = { type: 'LoseRequest', producer, broker } as const;
      add(lose, loseRequestEnabled(config, state, lose));
    }
  }
  for (const producer of producers) {
    for (const broker of brokers) {
      const lose = { type: 'LoseResponse', producer, broker } as const;
      add(lose, loseResponseEnabled(config, state, lose));
    }
  }
  for (const producer of producers) {
    for (const broker of brokers) {
      const reset = { type: 'ResetConnection', producer, broker } as const;
      add(reset, resetConnectionEnabled(config, state, reset));
    }
  }
  for (const producer of producers) {
    for (const broker of brokers) {
      const timeout = { type: 'RequestTimeout', producer, broker } as const;
      add(timeout, requestTimeoutEnabled(config, state, timeout));
    }
  }
  for (const producer of producers) {
    for (const partition of partitions) {
      const a = { type: 'ExpireBatch', producer, partition } as const;
      add(a, expireBatchEnabled(config, state, a));
    }
  }
  for (const producer of producers) {
    const a = { type: 'CrashProducer', producer } as const;
    add(a, crashProducerEnabled(config, state, a));
  }
  return actions;
}

/** Whether an action injects a fault (and so stops once the heal phase starts). */
export function isFault(state: State, action: Action): boolean {
  if (action.type === 'ResetConnection') return resetConnectionIsFault(state, action);
  return faultTypes.includes(action.type);
}

/**
 * What may happen once faults stop (the heal phase): every protocol step, crashed processes
 * restarting, and, on a connection that lost a message, the request timeout that is the
 * producer's only way to notice. `late`: the cluster has had long enough that delivery.timeout.ms
 * expires batches still retrying. These timeouts fire without regard to the fault budget.
 */
export function healEnabled(config: ModelConfig, state: State, late: boolean): readonly Action[] {
  const actions = enabled(config, state).filter((a) => !isFault(state, a));
  for (let producer = 0; producer < config.producers; producer++) {
    for (let broker = 0; broker < config.brokers; broker++) {
      const timeout = { type: 'RequestTimeout', producer, broker } as const;
      if (lostMessage(state, producer, broker) && requestTimeoutPossible(state, timeout))
        actions.push(timeout);
    }
  }
  if (late) {
    // delivery.timeout.ms ends whatever the producer still retries without success.
    for (let producer = 0; producer < config.producers; producer++) {
      for (let partition = 0; partition < config.partitions; partition++) {
        const expire = { type: 'ExpireBatch', producer, partition } as const;
        if (expireBatchPossible(state, expire)) actions.push(expire);
      }
    }
  }
  return actions;
}

/** The producer awaits more answers than the connection can still deliver. */
function lostMessage(state: State, producer: number, broker: number): boolean {
  const connection = state.connections[producer]![broker]!;
  const outstanding =
    connection.requests.length + (connection.purgatory === null ? 0 : 1) + connection.responses.length;
  return state.producers[producer]!.inFlight[broker]!.length > outstanding;
}
