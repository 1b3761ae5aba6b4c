/**
 * The configurations the model runs: the agreements between fields that the settings stage
 * guarantees (each field's own range is the trace schema's). A trace file's configuration comes from disk, so it is held to the
 * same before the model is given it; a file that breaks them was not written by this tool.
 */
import type { ModelConfig } from '../../model/index.ts';
import { pipelineProblem } from './consumer-checks.ts';
import { scenarioRanges } from './scenario.ts';

/** What is wrong with the configuration, in one sentence, or null when the model can run it. */
export function configProblem(config: ModelConfig): string | null {
  const { partitions, producers } = scenarioRanges;
  const pipeline = config.pipeline;
  // An exactly-once application adds the output partition and a producer per instance.
  const output = pipeline?.commit === 'transactional';
  const instances = output ? pipeline.consumers : 0;
  if (config.replicationFactor > config.brokers) {
    return `replicationFactor ${config.replicationFactor} is larger than brokers ${config.brokers}`;
  }
  if (config.partitions > partitions.max + (output ? 1 : 0)) {
    return `partitions is ${config.partitions}; the model runs at most ${partitions.max} (one more for an output topic)`;
  }
  if (config.producers > producers.max + instances) {
    return `producers is ${config.producers}; the model runs at most ${producers.max} (and one per exactly-once instance)`;
  }
  if (config.transactionalId !== null && !config.enableIdempotence) {
    return 'a transactional producer (transactionalId set) is idempotent, but enableIdempotence is false';
  }
  if (pipeline === null) return null;
  if (pipeline.inputPartitions + (output ? 1 : 0) !== config.partitions) {
    return `pipeline.inputPartitions ${pipeline.inputPartitions} does not match partitions ${config.partitions}`;
  }
  if (pipeline.workloadProducers + instances !== config.producers) {
    return `pipeline.workloadProducers ${pipeline.workloadProducers} does not match producers ${config.producers}`;
  }
  return pipelineProblem(pipeline.commit, pipeline.sink, config.transactionalId !== null);
}
