// KafkaConsumer.commitSync() of an application committing before or after processing: one
// consumer of a two-partition input topic that has polled the record at offset 0 of partition 0.
import { describe, expect, it } from 'vitest';
import { type Action, actionKey } from '../../action.ts';
import type { CommitStrategy, ModelConfig } from '../../config.ts';
import { enabled, step } from '../../machine.ts';
import type { State } from '../../state.ts';
import { noFaults, runActions, storeConsumerConfig, storeConsumerPollsFirstRecord } from '../../testing.ts';
import { type CommitSyncAction, commitSync } from './commit-sync.ts';

function groupConfig(commit: CommitStrategy): ModelConfig {
  return storeConsumerConfig(commit, { ...noFaults, consumerPause: 1 });
}

const commit: CommitSyncAction = { type: 'CommitSync', consumer: 0 };

/** The consumer has polled the record at offset 0 of partition 0. */
function polled(config: ModelConfig): State {
  return runActions(config, storeConsumerPollsFirstRecord);
}

const sessionExpires: Action[] = [
  { type: 'PauseConsumer', consumer: 0 },
  { type: 'ExpireSession', consumer: 0 },
  { type: 'WakeConsumer', consumer: 0 },
];

function commitAndTell(config: ModelConfig, before: State) {
  expect(enabled(config, before).map(actionKey)).toContain(actionKey(commit));
  const after = step(config, before, commit);
  return { after, message: commitSync.tell(config, before, commit, after).message };
}

describe('CommitSync', () => {
  it('only an application committing before or after processing calls commitSync() (KafkaConsumer.commitSync)', () => {
    // Expected: no candidate with auto-commit; one per instance when committing after processing.
    expect(commitSync.candidates(groupConfig('auto'))).toEqual([]);
    expect(commitSync.candidates(groupConfig('after'))).toEqual([commit]);
  });

  it('commitSync() before processing sends OffsetCommit of every consumed position, then the batch is processed (at most once)', () => {
    // Expected: committed [1, 0]; the instance goes on to process; the story lists both partitions.
    const config = groupConfig('before');
    const { after, message } = commitAndTell(config, polled(config));
    expect(after.pipeline!.group.committed).toEqual([1, 0]);
    expect(after.pipeline!.instances[0]!.stage).toBe('process');
    expect(message).toBe(
      'commitSync() before processing (OffsetCommit, generation 1): partition 0 at 1, partition 1 at 0',
    );
  });

  it('commitSync() refused after the session expired throws CommitFailedException: an application committing first gives up the batch (ConsumerCoordinator, UNKNOWN_MEMBER_ID)', () => {
    // Expected: nothing committed; the instance is back at poll with an empty batch; the story names the error and the batch given up.
    const config = groupConfig('before');
    const before = runActions(config, sessionExpires, polled(config));
    const { after, message } = commitAndTell(config, before);
    expect(after.pipeline!.group.committed).toEqual([-1, -1]);
    const i = after.pipeline!.instances[0]!;
    expect([i.stage, i.batch]).toEqual(['poll', []]);
    expect(message).toBe(
      'commitSync() before processing of partition 0 at 1, partition 1 at 0 fails: UnknownMemberId, thrown as CommitFailedException; the batch is given up',
    );
  });

  it('commitSync() refused after processing throws CommitFailedException: the output is already written, the records will be processed again (at least once)', () => {
    // Expected: nothing committed; the instance is back at poll; the story names the error and gives up nothing.
    const config = groupConfig('after');
    const processed = runActions(config, [{ type: 'ProcessRecord', consumer: 0 }], polled(config));
    expect(processed.pipeline!.instances[0]!.stage).toBe('commit-after');
    const before = runActions(config, sessionExpires, processed);
    const { after, message } = commitAndTell(config, before);
    expect(after.pipeline!.group.committed).toEqual([-1, -1]);
    expect(after.pipeline!.instances[0]!.stage).toBe('poll');
    expect(message).toBe(
      'commitSync() after processing of partition 0 at 1, partition 1 at 0 fails: UnknownMemberId, thrown as CommitFailedException',
    );
  });
});
