/**
 * An application instance dies: its batch, positions and membership are gone from memory. The
 * coordinator still counts it a member until its session expires; whatever it wrote stays written.
 */

import { instanceAt, withInstance } from '../../group/group.ts';
import { endOutputProducer } from '../../group/output.ts';
import { freshInstance } from '../../state.ts';
import { perConsumer, type StepModule } from '../step.ts';

export interface CrashConsumerAction {
  readonly type: 'CrashConsumer';
  readonly consumer: number;
}

export const crashConsumer: StepModule<CrashConsumerAction> = {
  type: 'CrashConsumer',
  actor: 'application',
  fields: { consumer: 'consumer' },
  footprint: {
    reads: [],
    writes: [
      'attempts[*]',
      'connections[*][*]',
      'faultsUsed.consumerCrash',
      'pipeline.instances',
      'producers[*]',
    ],
  },
  fault: { budget: () => 'consumerCrash' },
  candidates: (config) => perConsumer(config, (consumer) => ({ type: 'CrashConsumer', consumer })),
  guard: (_config, state, a) => {
    const status = instanceAt(state, a.consumer).status;
    return status === 'running' || status === 'paused';
  },
  effect: (config, state, a) =>
    withInstance(endOutputProducer(config, state, a.consumer), a.consumer, {
      ...freshInstance(config, instanceAt(state, a.consumer).instance),
      status: 'crashed',
    }),
  tell: (_config, before, a) => {
    const i = instanceAt(before, a.consumer);
    return {
      actor: `instance ${a.consumer}`,
      message: `crashes${i.batch.length > 0 ? ` with ${i.batch.length} polled record(s) not yet processed` : ''}; the coordinator still counts it a member until its session times out`,
    };
  },
};
