/**
 * max.poll.interval.ms passes while the application is stuck in its batch: the consumer's
 * heartbeat thread sends LeaveGroup and forgets the generation, and the others rebalance. A static
 * member sends no LeaveGroup (it waits for its session to expire), so this is for dynamic members.
 */
import { coordinatorUp, instanceAt, isMember, withInstance } from '../../group/group.ts';
import { removeMember } from '../../group/membership.ts';
import { perConsumer, type StepModule } from '../step.ts';

export interface PollTimeoutAction {
  readonly type: 'PollTimeout';
  readonly consumer: number;
}

export const pollTimeout: StepModule<PollTimeoutAction> = {
  type: 'PollTimeout',
  actor: 'consumer',
  fields: { consumer: 'consumer' },
  candidates: (config) =>
    config.pipeline === null || config.pipeline.staticMembership
      ? []
      : perConsumer(config, (consumer) => ({ type: 'PollTimeout', consumer })),
  guard(_config, state, a) {
    const i = instanceAt(state, a.consumer);
    return i.status === 'paused' && i.stage !== 'poll' && isMember(state, a.consumer) && coordinatorUp(state);
  },
  effect(config, state, a) {
    const left = removeMember(config, state, a.consumer);
    const i = instanceAt(left, a.consumer);
    return withInstance(left, a.consumer, { ...i, phase: 'unjoined', generation: -1 });
  },
  tell: (_config, _before, a) => ({
    actor: `consumer ${a.consumer}`,
    message:
      'max.poll.interval.ms passes inside the batch: the heartbeat thread sends LeaveGroup ("consumer poll timeout has expired")',
  }),
};
