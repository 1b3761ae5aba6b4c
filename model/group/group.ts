/** Reading and rewriting the pipeline's part of a state: the group, an application instance, the sink. */
import type { ModelConfig, PipelineConfig } from '../config.ts';
import { replaceAt } from '../immutable.ts';
import type { ApplicationInstance, GroupMetadata, PipelineState, Sink, State } from '../state.ts';

export function pipelineConfig(config: ModelConfig): PipelineConfig {
  if (config.pipeline === null) throw new RangeError('the configuration has no pipeline');
  return config.pipeline;
}

export function pipelineOf(state: State): PipelineState {
  if (state.pipeline === undefined) throw new RangeError('the state has no pipeline');
  return state.pipeline;
}

export function groupOf(state: State): GroupMetadata {
  return pipelineOf(state).group;
}

export function instanceAt(state: State, consumer: number): ApplicationInstance {
  const i = pipelineOf(state).instances[consumer];
  if (i === undefined) throw new RangeError(`no application instance ${consumer}`);
  return i;
}

export function withGroup(state: State, group: GroupMetadata): State {
  return { ...state, pipeline: { ...pipelineOf(state), group } };
}

export function withInstance(state: State, consumer: number, instance: ApplicationInstance): State {
  const p = pipelineOf(state);
  return { ...state, pipeline: { ...p, instances: replaceAt(p.instances, consumer, instance) } };
}

export function withSink(state: State, sink: Sink): State {
  return { ...state, pipeline: { ...pipelineOf(state), sink } };
}

/** The instance's positions where `keep` says so; the others are forgotten (-1), with their epochs. */
export function keptPositions(
  i: ApplicationInstance,
  keep: (partition: number) => boolean,
): Pick<ApplicationInstance, 'positions' | 'positionEpochs'> {
  return {
    positions: i.positions.map((p, partition) => (keep(partition) ? p : -1)),
    positionEpochs: i.positionEpochs.map((e, partition) => (keep(partition) ? e : -1)),
  };
}

/** The instance with its position of `partition` set to `offset`, under the leader epoch `epoch`. */
export function atPosition(
  i: ApplicationInstance,
  partition: number,
  offset: number,
  epoch: number,
): ApplicationInstance {
  return {
    ...i,
    positions: replaceAt(i.positions, partition, offset),
    positionEpochs: replaceAt(i.positionEpochs, partition, epoch),
  };
}

/** Whether the bit of `partition` is set in a partition set. */
export function has(set: number, partition: number): boolean {
  return (set & (1 << partition)) !== 0;
}

/** The partitions of a set, ascending. */
export function partitionsIn(set: number, partitions: number): number[] {
  const out: number[] = [];
  for (let p = 0; p < partitions; p++) if (has(set, p)) out.push(p);
  return out;
}

/** A partition set, written as Kafka logs it: [0, 2]. */
export function setWords(set: number, partitions: number): string {
  return `[${partitionsIn(set, partitions).join(', ')}]`;
}

/** The member slots the coordinator knows, ascending. */
export function memberSlots(group: GroupMetadata): number[] {
  const out: number[] = [];
  group.members.forEach((m, c) => {
    if (m.instance >= 0) out.push(c);
  });
  return out;
}

/** Whether the coordinator knows this incarnation of the instance as its member. */
export function isMember(state: State, consumer: number): boolean {
  return groupOf(state).members[consumer]!.instance === instanceAt(state, consumer).instance;
}

/** Whether the group coordinator's broker is up, so group requests can be answered. */
export function coordinatorUp(state: State): boolean {
  return state.brokers[groupOf(state).coordinator]?.up === true;
}
