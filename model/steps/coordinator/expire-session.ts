/**
 * session.timeout.ms passes without a heartbeat from a member whose instance is paused, dead or
 * replaced: the group coordinator removes it, and the other members rebalance.
 */
import { coordinatorUp, groupOf, instanceAt } from '../../group/group.ts';
import { removeMember } from '../../group/membership.ts';
import { perConsumer, type StepModule } from '../step.ts';

export interface ExpireSessionAction {
  readonly type: 'ExpireSession';
  readonly consumer: number;
}

export const expireSession: StepModule<ExpireSessionAction> = {
  type: 'ExpireSession',
  actor: 'coordinator',
  fields: { consumer: 'consumer' },
  footprint: {
    reads: ['brokers[*].up', 'pipeline.instances'],
    writes: ['pipeline.group'],
  },
  candidates: (config) => perConsumer(config, (consumer) => ({ type: 'ExpireSession', consumer })),
  guard(_config, state, a) {
    const member = groupOf(state).members[a.consumer]!;
    const i = instanceAt(state, a.consumer);
    const heartbeating = i.instance === member.instance && i.status === 'running';
    return member.instance >= 0 && !heartbeating && coordinatorUp(state);
  },
  effect: (config, state, a) => removeMember(config, state, a.consumer),
  tell: (_config, _before, a, after) => ({
    actor: `group coordinator on broker ${groupOf(after).coordinator}`,
    message: `session.timeout.ms passes without a heartbeat from member ${a.consumer}: removes it; the group is ${groupOf(after).state}`,
  }),
};
