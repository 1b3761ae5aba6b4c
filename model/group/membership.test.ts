// The classic group coordinator's membership rules (Kafka's ClassicGroup and GroupCoordinator).
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../config.ts';
import type { GroupMetadata, State } from '../state.ts';
import {
  configWith,
  eosProcessesFirstRecord,
  exactlyOnceConfig,
  noFaults,
  runActions,
  storeConsumerConfig,
} from '../testing.ts';
import { closeFencedInstance, maybeCompleteJoin } from './membership.ts';

/**
 * A store consumer's group of two members, rebalancing out of generation 1 with `assignor`:
 * member 0 owns (and was assigned) the partitions of `owned`, the new member 1 nothing yet.
 */
function twoMembersRebalancing(
  assignor: 'cooperative-sticky' | 'sticky',
  owned: number,
): { config: ModelConfig; group: GroupMetadata } {
  const store = storeConsumerConfig('after', noFaults);
  const config = configWith({ ...store, pipeline: { ...store.pipeline!, consumers: 2, assignor } });
  const group: GroupMetadata = {
    ...runActions(store, []).pipeline!.group,
    state: 'PreparingRebalance',
    generation: 1,
    members: [
      { instance: 0, joined: true, owned, assignment: owned },
      { instance: 0, joined: true, owned: 0, assignment: 0 },
    ],
  };
  return { config, group };
}

describe('maybeCompleteJoin', () => {
  it('KIP-429: with a cooperative assignor a partition another member still owns is withheld in this generation (ConsumerCoordinator cooperative rebalance)', () => {
    // Expected: member 0 keeps partition 0 and revokes 1; the new member 1 is assigned 1 only after member 0 gave it up, so nothing now.
    const { config, group } = twoMembersRebalancing('cooperative-sticky', 0b11);
    const joined = maybeCompleteJoin(config, group);
    expect([joined.state, joined.generation]).toEqual(['CompletingRebalance', 2]);
    expect(joined.members.map((m) => m.assignment)).toEqual([0b01, 0]);
  });

  it("the sticky target keeps a member's previous assignment, so nothing is withheld when it already had what it keeps (AbstractStickyAssignor)", () => {
    // Expected: member 0 keeps partition 1 it had, and the new member 1 gets partition 0 at once.
    const { config, group } = twoMembersRebalancing('cooperative-sticky', 0b10);
    expect(maybeCompleteJoin(config, group).members.map((m) => m.assignment)).toEqual([0b10, 0b01]);
  });

  it('an eager assignor hands out a partition at once, though its previous owner has not revoked it yet (eager rebalance protocol)', () => {
    // Expected: with the sticky (eager) assignor the new member 1 is assigned partition 1 in this generation.
    const { config, group } = twoMembersRebalancing('sticky', 0b11);
    expect(maybeCompleteJoin(config, group).members.map((m) => m.assignment)).toEqual([0b01, 0b10]);
  });

  it('a join completes only during a rebalance: a Stable group whose members all joined is left as it is (ClassicGroup.maybeCompleteJoin)', () => {
    // Expected: the same group back, no new generation.
    const store = storeConsumerConfig('after', noFaults);
    const group: GroupMetadata = {
      ...runActions(store, []).pipeline!.group,
      state: 'Stable',
      members: [{ instance: 0, joined: true, owned: 0b11, assignment: 0b11 }],
    };
    expect(maybeCompleteJoin(store, group)).toBe(group);
  });
});

describe('closeFencedInstance', () => {
  const dynamic = exactlyOnceConfig();
  const staticConfig: ModelConfig = configWith({
    ...dynamic,
    pipeline: { ...dynamic.pipeline!, staticMembership: true },
  });
  const processing = runActions(dynamic, eosProcessesFirstRecord);

  it('an instance whose producer was fenced leaves the group (LeaveGroup) and is stopped (KafkaConsumer.close)', () => {
    // Expected: without static membership the member slot is freed and the instance is stopped.
    const next = closeFencedInstance(dynamic, processing, 0);
    expect(next.pipeline!.instances[0]!.status).toBe('stopped');
    expect(next.pipeline!.group.members[0]!.instance).toBe(-1);
  });

  it('KIP-345: a static member keeps its place in the group when its instance is closed (no LeaveGroup for group.instance.id)', () => {
    // Expected: the member stays, with the stopped instance's incarnation.
    const next = closeFencedInstance(staticConfig, processing, 0);
    expect(next.pipeline!.instances[0]!.status).toBe('stopped');
    expect(next.pipeline!.group.members[0]).toEqual(processing.pipeline!.group.members[0]);
  });

  it('an instance already crashed or stopped is left as it is', () => {
    // Expected: closing a crashed or a stopped instance changes nothing.
    for (const status of ['crashed', 'stopped'] as const) {
      const pipeline = processing.pipeline!;
      const state: State = {
        ...processing,
        pipeline: {
          ...pipeline,
          instances: pipeline.instances.map((i, c) => (c === 0 ? { ...i, status } : i)),
        },
      };
      expect(closeFencedInstance(dynamic, state, 0)).toBe(state);
    }
  });
});
