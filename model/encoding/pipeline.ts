/**
 * The pipeline's part of the State encoding, written after everything else and only when the
 * configuration has a pipeline (so a state without one encodes exactly as before): the group
 * metadata (state, generation, leader, per member slot its
 * incarnation, joined byte, owned and assigned partitions, the committed offsets per partition,
 * coordinator and epoch), then per application instance its status, incarnation, phase,
 * generation, owned partitions, positions and their leader epochs per partition, loop stage and batch (each record:
 * partition, offset, reference), then the sink (outputs, offsets per partition, e-mails).
 */
import type { PipelineConfig } from '../config.ts';
import type { ApplicationInstance, GroupMetadata, PipelineState, RecordRef } from '../state.ts';
import type { ByteReader, ByteWriter } from './bytes.ts';
import { codeOf, groupStates, instanceStatuses, loopStages, memberOf, memberPhases } from './codes.ts';

type RefWriter = (records: readonly RecordRef[]) => void;

function fixedLength<T>(items: readonly T[], length: number, what: string): readonly T[] {
  if (items.length !== length)
    throw new RangeError(`${what}: ${items.length} items, the config says ${length}`);
  return items;
}

export function encodePipeline(
  out: ByteWriter,
  pipeline: PipelineConfig,
  partitions: number,
  state: PipelineState | undefined,
  refs: RefWriter,
): void {
  if (state === undefined) throw new RangeError('pipeline: missing, the config has one');
  const g = state.group;
  out.byte(codeOf(groupStates, g.state));
  out.int(g.generation);
  out.int(g.leader);
  for (const m of fixedLength(g.members, pipeline.consumers, 'group members')) {
    out.int(m.instance);
    out.byte(m.joined ? 1 : 0);
    out.unsigned(m.owned);
    out.unsigned(m.assignment);
  }
  for (const offset of fixedLength(g.committed, partitions, 'committed offsets')) out.int(offset);
  out.unsigned(g.coordinator);
  out.unsigned(g.coordinatorEpoch);
  out.unsigned(g.pending.length);
  for (const t of g.pending) {
    out.int(t.producerId);
    for (const offset of fixedLength(t.offsets, partitions, 'pending offsets')) out.int(offset);
  }
  for (const i of fixedLength(state.instances, pipeline.consumers, 'application instances')) {
    out.byte(codeOf(instanceStatuses, i.status));
    out.unsigned(i.instance);
    out.byte(codeOf(memberPhases, i.phase));
    out.int(i.generation);
    out.unsigned(i.owned);
    for (const position of fixedLength(i.positions, partitions, 'positions')) out.int(position);
    for (const epoch of fixedLength(i.positionEpochs, partitions, 'position epochs')) out.int(epoch);
    out.byte(codeOf(loopStages, i.stage));
    out.unsigned(i.batch.length);
    for (const r of i.batch) {
      out.unsigned(r.partition);
      out.unsigned(r.offset);
      refs([r.ref]);
    }
  }
  out.unsigned(state.sink.outputs.length);
  refs(state.sink.outputs);
  for (const offset of fixedLength(state.sink.offsets, partitions, 'stored offsets')) out.int(offset);
  out.unsigned(state.sink.emails.length);
  refs(state.sink.emails);
}

function times<T>(n: number, item: () => T): T[] {
  return Array.from({ length: n }, item);
}

/** The pipeline state, as `encodePipeline` wrote it. */
export function decodePipeline(
  r: ByteReader,
  pipeline: PipelineConfig,
  partitions: number,
  ref: () => RecordRef,
): PipelineState {
  const state = memberOf(groupStates, r.byte());
  const generation = r.int();
  const leader = r.int();
  const members = times(pipeline.consumers, () => ({
    instance: r.int(),
    joined: r.bool(),
    owned: r.unsigned(),
    assignment: r.unsigned(),
  }));
  const committed = times(partitions, () => r.int());
  const group: GroupMetadata = {
    state,
    generation,
    leader,
    members,
    committed,
    coordinator: r.unsigned(),
    coordinatorEpoch: r.unsigned(),
    pending: times(r.unsigned(), () => ({ producerId: r.int(), offsets: times(partitions, () => r.int()) })),
  };
  const instances = times(pipeline.consumers, (): ApplicationInstance => {
    const status = memberOf(instanceStatuses, r.byte());
    const instance = r.unsigned();
    const phase = memberOf(memberPhases, r.byte());
    const generation = r.int();
    const owned = r.unsigned();
    const positions = times(partitions, () => r.int());
    const positionEpochs = times(partitions, () => r.int());
    const stage = memberOf(loopStages, r.byte());
    const batch = times(r.unsigned(), () => ({ partition: r.unsigned(), offset: r.unsigned(), ref: ref() }));
    return { status, instance, phase, generation, owned, positions, positionEpochs, stage, batch };
  });
  const outputs = times(r.unsigned(), ref);
  const offsets = times(partitions, () => r.int());
  const emails = times(r.unsigned(), ref);
  return { group, instances, sink: { outputs, offsets, emails } };
}
