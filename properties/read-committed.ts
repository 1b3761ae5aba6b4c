/**
 * read-committed: a reader never returns a record of an aborted or still-open transaction, nor
 * one at or past the last stable offset (KIP-98's isolation.level=read_committed). A reader with
 * `read_uncommitted` is judged the same way, which shows what it does see: that is how
 * `read-uncommitted-sees-aborted` is found.
 */
import { batchFates, lastStableOffset, type ModelConfig, type State } from '../model/index.ts';
import { describeRecord, leaderReplica } from './observe.ts';
import { holds, type Judgement, type Property, violated } from './property.ts';

/** Why a record at `offset` of the leader's log should not have been returned, or null. */
function unreadable(state: State, partition: number, offset: number): string | null {
  const leader = leaderReplica(state, partition);
  if (leader === null) return null;
  const lso = lastStableOffset(leader);
  for (const fate of batchFates(leader.log)) {
    const { batch } = fate;
    if (offset < batch.baseOffset || offset >= batch.baseOffset + batch.records.length) continue;
    if (fate.marker?.type === 'ABORT')
      return `its transaction was aborted (ABORT marker at offset ${fate.marker.offset})`;
    if (batch.transactional && (fate.marker === null || fate.marker.offset >= leader.highWatermark)) {
      return 'its transaction is still open';
    }
    if (offset >= lso) return `it is at or past the last stable offset ${lso}`;
    return null;
  }
  return null;
}

function polled(config: ModelConfig, before: State, after: State): Judgement {
  for (let partition = 0; partition < after.readers.length; partition++) {
    // A reader the step left as it was returned nothing new.
    if (before.readers[partition] === after.readers[partition]) continue;
    const was = before.readers[partition]!.returned;
    const now = after.readers[partition]!.returned;
    for (let i = was.length; i < now.length; i++) {
      const { offset, ref } = now[i]!;
      const why = unreadable(before, partition, offset);
      if (why === null) continue;
      const record = before.sends[ref.producer]![ref.send]!.record;
      return violated(
        `the ${config.isolationLevel} reader of partition ${partition} returned ${describeRecord(ref.producer, record, config)} at offset ${offset}, but ${why}`,
        { partition, offset, producer: ref.producer, record, isolationLevel: config.isolationLevel },
      );
    }
  }
  return holds;
}

export const readCommitted: Property = {
  name: 'read-committed',
  guarantee:
    'A reader never returns a record of an aborted or still-open transaction, nor one at or past the last stable offset (KIP-98).',
  everyStep: (config, before, action, after) =>
    action.type === 'Poll' ? polled(config, before, after) : holds,
};
