/**
 * no-duplicate: no record the application sent appears twice in the committed log. Kafka's
 * idempotent producer (KIP-98) removes the duplicates its own retries would write; it cannot
 * recognise a record the application sends again, nor one sent again by a new producer instance.
 */
import type { ModelConfig, State } from '../model/index.ts';
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

export const noDuplicate: Property = {
  name: 'no-duplicate',
  guarantee: 'No record sent by the application appears twice in the committed log.',
  always: duplicates,
  atEnd: duplicates,
};
