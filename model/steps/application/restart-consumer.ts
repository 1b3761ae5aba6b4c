/** A crashed or closed application instance starts again: a new consumer, not yet in the group. */

import { instanceAt, pipelineConfig, withInstance } from '../../group/group.ts';
import { restartOutputProducer } from '../../group/output.ts';
import { freshInstance } from '../../state.ts';
import { perConsumer, type StepModule } from '../step.ts';

export interface RestartConsumerAction {
  readonly type: 'RestartConsumer';
  readonly consumer: number;
}

export const restartConsumer: StepModule<RestartConsumerAction> = {
  type: 'RestartConsumer',
  actor: 'application',
  fields: { consumer: 'consumer' },
  footprint: {
    reads: [],
    writes: ['pipeline.instances', 'producers[*]'],
  },
  candidates: (config) => perConsumer(config, (consumer) => ({ type: 'RestartConsumer', consumer })),
  guard: (_config, state, a) => {
    const status = instanceAt(state, a.consumer).status;
    return status === 'crashed' || status === 'stopped';
  },
  effect: (config, state, a) =>
    withInstance(
      restartOutputProducer(config, state, a.consumer),
      a.consumer,
      freshInstance(config, instanceAt(state, a.consumer).instance + 1),
    ),
  tell: (config, _before, a) => ({
    actor: `instance ${a.consumer}`,
    message: `starts again with a new consumer${pipelineConfig(config).staticMembership ? ' and the same group.instance.id' : ' (a new member id)'}`,
  }),
};
