/**
 * no-duplicate: no record the application sent appears twice in the committed log. Kafka's
 * idempotent producer (KIP-98) removes the duplicates its own retries would write; it cannot
 * recognise a record the application sends again, nor one sent again by a new producer instance.
 * With a consume-process-produce application, end to end: no input record has its effect in the
 * sink twice (a crash between processing and committing breaks it, KIP-447 fixes it for topics).
 */
import type { ModelConfig, State } from '../model/index.ts';
import { duplicateEffects } from './end-to-end.ts';
import { committedLogs, describeRecord } from './observe.ts';
import { holds, type Judgement, type Property, violated } from './property.ts';

function duplicates(config: ModelConfig, state: State): Judgement {
  for (const { partition, records } of committedLogs(state)) {
    const seen = new Map<string, number>();
    for (const r of records) {
      const key = `${r.ref.producer}:${r.record}`;
      const first = seen.get(key);
      if (first !== undefined) {
        return violated(
          `${describeRecord(r.ref.producer, r.record, config)} is in the committed log twice, at offsets ${first} and ${r.offset}`,
          { producer: r.ref.producer, record: r.record, partition, offsets: [first, r.offset] },
        );
      }
      seen.set(key, r.offset);
    }
  }
  return holds;
}

function bothDuplicates(config: ModelConfig, state: State): Judgement {
  const judged = duplicates(config, state);
  return judged.holds ? duplicateEffects(config, state) : judged;
}

export const noDuplicate: Property = {
  name: 'no-duplicate',
  guarantee:
    'No record sent by the application appears twice in the committed log; with a pipeline, no input record has its effect in the sink twice.',
  always: bothDuplicates,
  atEnd: bothDuplicates,
};
