/** A paused instance goes on where it stopped, whether or not the group still counts it a member. */

import { instanceAt, isMember, withInstance } from '../../group/group.ts';
import { setOutputProducerRunning } from '../../group/output.ts';
import { perConsumer, type StepModule } from '../step.ts';

export interface WakeConsumerAction {
  readonly type: 'WakeConsumer';
  readonly consumer: number;
}

export const wakeConsumer: StepModule<WakeConsumerAction> = {
  type: 'WakeConsumer',
  actor: 'application',
  fields: { consumer: 'consumer' },
  footprint: {
    reads: [],
    writes: ['pipeline.instances', 'producers[*].status'],
  },
  candidates: (config) => perConsumer(config, (consumer) => ({ type: 'WakeConsumer', consumer })),
  guard: (_config, state, a) => instanceAt(state, a.consumer).status === 'paused',
  effect: (config, state, a) =>
    withInstance(setOutputProducerRunning(config, state, a.consumer, true), a.consumer, {
      ...instanceAt(state, a.consumer),
      status: 'running',
    }),
  tell: (_config, before, a) => ({
    actor: `instance ${a.consumer}`,
    message: isMember(before, a.consumer)
      ? 'wakes up and goes on'
      : 'wakes up as a zombie: the group has removed it, but it still believes it owns its partitions',
  }),
};
