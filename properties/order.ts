/**
 * order: per producer and partition, the committed log keeps the order of the `send()` calls it
 * holds. Kafka promises it with max.in.flight.requests.per.connection=1, or with idempotence and
 * at most 5 in flight (KIP-98, KAFKA-5494); without idempotence a failed batch retried behind a
 * later one lands after it.
 */
import type { ModelConfig, State } from '../model/index.ts';
import { committedLogs, describeRecord } from './observe.ts';
import { holds, type Judgement, type Property, violated } from './property.ts';

function reordered(config: ModelConfig, state: State): Judgement {
  for (const { partition, records } of committedLogs(state)) {
    // For each producer, the latest send() call seen so far, and which calls were seen at all:
    // a retried copy of a send already in the log is a duplicate, not a reordering.
    const latest = new Map<number, { send: number; record: number; offset: number }>();
    const seen = new Set<string>();
    for (const r of records) {
      const key = `${r.ref.producer}:${r.ref.send}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const before = latest.get(r.ref.producer);
      if (before !== undefined && r.ref.send < before.send) {
        return violated(
          `${describeRecord(r.ref.producer, r.record, config)} was sent before record ${before.record} ` +
            `but sits after it in the committed log (offset ${r.offset} > ${before.offset})`,
          { producer: r.ref.producer, partition, earlier: r, later: before },
        );
      }
      latest.set(r.ref.producer, { send: r.ref.send, record: r.record, offset: r.offset });
    }
  }
  return holds;
}

export const order: Property = {
  name: 'order',
  guarantee: 'Per producer and partition, the committed log keeps the order of send() calls.',
  always: reordered,
  atEnd: reordered,
};
