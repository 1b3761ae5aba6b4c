/** Kafka's words for what steps touch, as the steps tell themselves in a counterexample's story. */
import type { ModelConfig } from '../config.ts';
import type { ProducerBatch, RecordRef, Replica, State } from '../state.ts';

export function recordList(state: State, config: ModelConfig, refs: readonly RecordRef[]): string {
  const names = refs.map((r) => {
    const record = state.sends[r.producer]![r.send]!.record;
    return config.producers > 1 ? `p${r.producer}:r${record}` : `r${record}`;
  });
  return names.length === 1 ? `record ${names[0]}` : `records ${names.join(', ')}`;
}

export function batchWords(state: State, config: ModelConfig, batch: ProducerBatch): string {
  const records = recordList(state, config, batch.records);
  if (batch.producerId < 0) return records;
  return `${records} (PID ${batch.producerId}, epoch ${batch.producerEpoch}, sequence ${batch.baseSequence})`;
}

export function replicaOn(state: State, partition: number, broker: number): Replica {
  return state.partitions[partition]!.replicas.find((r) => r.broker === broker)!;
}
