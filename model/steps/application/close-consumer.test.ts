// KafkaConsumer.close() between polls: one consumer of a two-partition input topic that has
// processed the record at offset 0 of partition 0, under each commit strategy.
import { describe, expect, it } from 'vitest';
import { actionKey } from '../../action.ts';
import type { CommitStrategy, ModelConfig } from '../../config.ts';
import { enabled, step } from '../../machine.ts';
import type { State } from '../../state.ts';
import { noFaults, runActions, storeConsumerConfig, storeConsumerPollsFirstRecord } from '../../testing.ts';
import { type CloseConsumerAction, closeConsumer } from './close-consumer.ts';
import { type RestartConsumerAction, restartConsumer } from './restart-consumer.ts';

function groupConfig(commit: CommitStrategy, staticMembership = false): ModelConfig {
  return storeConsumerConfig(commit, { ...noFaults, rebalance: 1, consumerPause: 1 }, staticMembership);
}

const close: CloseConsumerAction = { type: 'CloseConsumer', consumer: 0 };

/** The consumer has processed the record at offset 0 of partition 0 and is back at poll(). */
function afterOneRecord(config: ModelConfig): State {
  return runActions(config, [...storeConsumerPollsFirstRecord, { type: 'ProcessRecord', consumer: 0 }]);
}

function closeAndTell(config: ModelConfig, before: State) {
  expect(enabled(config, before).map(actionKey)).toContain(actionKey(close));
  const after = step(config, before, close);
  return { after, message: closeConsumer.tell(config, before, close, after).message };
}

describe('CloseConsumer', () => {
  it('close() with enable.auto.commit commits the consumed offsets, and a dynamic member sends LeaveGroup (ConsumerCoordinator.maybeAutoCommitOffsetsSync, KafkaConsumer.close)', () => {
    // Expected: committed [1, 0] (partition 0 at 1, partition 1 at its fetched 0); the member is gone from the group; the instance is stopped.
    const config = groupConfig('auto');
    const before = afterOneRecord(config);
    expect(before.pipeline!.group.committed).toEqual([-1, -1]);
    const { after, message } = closeAndTell(config, before);
    expect(after.pipeline!.group.committed).toEqual([1, 0]);
    expect(after.pipeline!.group.members[0]!.instance).toBe(-1);
    expect(after.pipeline!.instances[0]!.status).toBe('stopped');
    expect(message).toBe('closes its consumer, commits its consumed offsets and sends LeaveGroup');
  });

  it('close() commits what onPartitionsRevoked would for an application committing there (ConsumerRebalanceListener.onPartitionsRevoked)', () => {
    // Expected: committed [1, 0]; the story says it commits.
    const config = groupConfig('on-revoke');
    const { after, message } = closeAndTell(config, afterOneRecord(config));
    expect(after.pipeline!.group.committed).toEqual([1, 0]);
    expect(message).toBe('closes its consumer, commits its consumed offsets and sends LeaveGroup');
  });

  it('close() of an application keeping its offsets in an external store commits nothing to the group (KafkaConsumer.close)', () => {
    // Expected: committed stays [-1, -1]; the story says no commit.
    const config = groupConfig('external');
    const { after, message } = closeAndTell(config, afterOneRecord(config));
    expect(after.pipeline!.group.committed).toEqual([-1, -1]);
    expect(message).toBe('closes its consumer and sends LeaveGroup');
  });

  it('a static member closing sends no LeaveGroup and keeps its place in the group until its session expires (KIP-345)', () => {
    // Expected: the group still holds the member and its generation; the offsets are committed; the story says no LeaveGroup.
    const config = groupConfig('auto', true);
    const before = afterOneRecord(config);
    const { after, message } = closeAndTell(config, before);
    expect(after.pipeline!.group.members).toEqual(before.pipeline!.group.members);
    expect(after.pipeline!.group.generation).toBe(before.pipeline!.group.generation);
    expect(after.pipeline!.group.committed).toEqual([1, 0]);
    expect(message).toBe(
      'closes its consumer, commits its consumed offsets; as a static member it sends no LeaveGroup',
    );
  });

  it('a consumer whose session expired while paused commits nothing on close(): it is no longer a member (ConsumerCoordinator, UNKNOWN_MEMBER_ID)', () => {
    // Expected: committed stays [-1, -1], the group is unchanged, and the story says it was no longer a member (close() would commit, but nothing is accepted).
    const config = groupConfig('auto');
    const expired = runActions(
      config,
      [
        { type: 'PauseConsumer', consumer: 0 },
        { type: 'ExpireSession', consumer: 0 },
        { type: 'WakeConsumer', consumer: 0 },
      ],
      afterOneRecord(config),
    );
    const { after, message } = closeAndTell(config, expired);
    expect(after.pipeline!.group.committed).toEqual([-1, -1]);
    expect(after.pipeline!.group).toEqual(expired.pipeline!.group);
    expect(message).toBe(
      'closes its consumer, commits its consumed offsets and sends LeaveGroup (it was no longer a member)',
    );
  });

  it('a closed consumer starts again with a new consumer: a static member keeps its group.instance.id, a dynamic one gets a new member id (KIP-345)', () => {
    // Expected: the instance restarts as incarnation 1; the story names the same group.instance.id, or a new member id.
    const restart: RestartConsumerAction = { type: 'RestartConsumer', consumer: 0 };
    const told = [true, false].map((staticMembership) => {
      const config = groupConfig('auto', staticMembership);
      const closed = runActions(config, [close], afterOneRecord(config));
      const after = runActions(config, [restart], closed);
      expect(after.pipeline!.instances[0]!.instance).toBe(closed.pipeline!.instances[0]!.instance + 1);
      return restartConsumer.tell(config, closed, restart, after).message;
    });
    expect(told).toEqual([
      'starts again with a new consumer and the same group.instance.id',
      'starts again with a new consumer (a new member id)',
    ]);
  });
});
