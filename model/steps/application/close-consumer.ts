/**
 * The application closes its consumer between polls (a deploy, a scale-in): close() commits what
 * auto-commit or onPartitionsRevoked would, and a dynamic member sends LeaveGroup so the others
 * rebalance at once; a static member leaves nothing and keeps its place until its session expires
 * (KIP-345). It starts again later: a member leaves and joins.
 */

import { inputPartitionCount } from '../../config.ts';
import { coordinatorUp, instanceAt, pipelineConfig, withInstance } from '../../group/group.ts';
import { removeMember } from '../../group/membership.ts';
import { commitConsumed } from '../../group/offsets.ts';
import { endOutputProducer } from '../../group/output.ts';
import { freshInstance } from '../../state.ts';
import { stillMember } from '../consumer/join-group.ts';
import { perConsumer, type StepModule } from '../step.ts';

export interface CloseConsumerAction {
  readonly type: 'CloseConsumer';
  readonly consumer: number;
}

export const closeConsumer: StepModule<CloseConsumerAction> = {
  type: 'CloseConsumer',
  actor: 'application',
  fields: { consumer: 'consumer' },
  footprint: {
    reads: [],
    writes: [
      'attempts[*]',
      'connections[*][*]',
      'faultsUsed.rebalance',
      'pipeline.group',
      'pipeline.instances',
      'producers[*]',
    ],
  },
  fault: { budget: () => 'rebalance' },
  candidates: (config) => perConsumer(config, (consumer) => ({ type: 'CloseConsumer', consumer })),
  guard(_config, state, a) {
    const i = instanceAt(state, a.consumer);
    return i.status === 'running' && i.stage === 'poll' && i.phase === 'stable' && coordinatorUp(state);
  },
  effect(config, state, a) {
    const pipeline = pipelineConfig(config);
    const member = stillMember(state, a.consumer);
    let next = state;
    if (member && (pipeline.commit === 'auto' || pipeline.commit === 'on-revoke')) {
      next = commitConsumed(next, a.consumer, inputPartitionCount(config), pipeline.staticMembership).state;
    }
    if (member && !pipeline.staticMembership) next = removeMember(config, next, a.consumer);
    const i = instanceAt(state, a.consumer);
    return withInstance(endOutputProducer(config, next, a.consumer), a.consumer, {
      ...freshInstance(config, i.instance),
      status: 'stopped',
    });
  },
  tell(config, before, a) {
    const pipeline = pipelineConfig(config);
    const commits =
      pipeline.commit === 'auto' || pipeline.commit === 'on-revoke' ? ', commits its consumed offsets' : '';
    return {
      actor: `instance ${a.consumer}`,
      message: pipeline.staticMembership
        ? `closes its consumer${commits}; as a static member it sends no LeaveGroup`
        : `closes its consumer${commits} and sends LeaveGroup${stillMember(before, a.consumer) ? '' : ' (it was no longer a member)'}`,
    };
  },
};
