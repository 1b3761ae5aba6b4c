/**
 * An application instance stops (a long GC pause, a stopped container) with everything in memory:
 * its batch, its positions, the generation and partitions it believes it has. Heartbeats stop
 * too, so past session.timeout.ms the coordinator removes it; it wakes later as a zombie.
 */

import { instanceAt, withInstance } from '../../group/group.ts';
import { setOutputProducerRunning } from '../../group/output.ts';
import { perConsumer, type StepModule } from '../step.ts';

export interface PauseConsumerAction {
  readonly type: 'PauseConsumer';
  readonly consumer: number;
}

export const pauseConsumer: StepModule<PauseConsumerAction> = {
  type: 'PauseConsumer',
  actor: 'application',
  fields: { consumer: 'consumer' },
  footprint: {
    reads: [],
    writes: ['faultsUsed.consumerPause', 'pipeline.instances', 'producers[*].status'],
  },
  fault: { budget: () => 'consumerPause' },
  candidates: (config) => perConsumer(config, (consumer) => ({ type: 'PauseConsumer', consumer })),
  guard: (_config, state, a) => instanceAt(state, a.consumer).status === 'running',
  effect: (config, state, a) =>
    withInstance(setOutputProducerRunning(config, state, a.consumer, false), a.consumer, {
      ...instanceAt(state, a.consumer),
      status: 'paused',
    }),
  tell: (_config, before, a) => ({
    actor: `instance ${a.consumer}`,
    message: `stops (a long pause) ${instanceAt(before, a.consumer).stage === 'poll' ? 'in poll()' : 'in the middle of its batch'}; it still believes it owns its partitions`,
  }),
};
