/**
 * What an observer of the consume-process-produce application can read off a state: the effects
 * in its sink (the outputs in its external store, or the e-mails it sent), each naming its input
 * record, and the input records committed to the topic. The end-to-end judgements of no-loss,
 * no-duplicate and progress read these.
 */
import {
  inputPartitionCount,
  type ModelConfig,
  outputPartition,
  type RecordRef,
  type State,
} from '../model/index.ts';
import { committedRecords, describeRecord, type LoggedRecord } from './observe.ts';
import { holds, type Judgement, violated } from './property.ts';

/** The sink's effects, in the order they were written, and what to call them. */
export function effects(config: ModelConfig, state: State): { refs: readonly RecordRef[]; what: string } {
  const sink = state.pipeline!.sink;
  switch (config.pipeline!.sink) {
    case 'side-effect':
      return { refs: sink.emails, what: 'e-mail' };
    case 'external-store':
      return { refs: sink.outputs, what: 'output in the external store' };
    case 'topic':
      return {
        refs: outputTopicInputs(config, state),
        what: 'output in the output topic (as read_committed reads it)',
      };
  }
}

/** The input records whose outputs a read_committed reader of the output topic sees, in log order. */
function outputTopicInputs(config: ModelConfig, state: State): readonly RecordRef[] {
  const records = committedRecords(state, outputPartition(config)) ?? [];
  return records.map((r) => state.sends[r.ref.producer]![r.ref.send]!.input!);
}

/** An input record's identity: its producer's workload record (a resend is the same record). */
function identity(state: State, ref: RecordRef): string {
  return `${ref.producer}:${state.sends[ref.producer]![ref.send]!.record}`;
}

function describe(config: ModelConfig, state: State, ref: RecordRef): string {
  return `input ${describeRecord(ref.producer, state.sends[ref.producer]![ref.send]!.record, config)}`;
}

/** No input record has its effect in the sink twice. */
export function duplicateEffects(config: ModelConfig, state: State): Judgement {
  if (state.pipeline === undefined) return holds;
  const { refs, what } = effects(config, state);
  const seen = new Map<string, number>();
  for (let i = 0; i < refs.length; i++) {
    const key = identity(state, refs[i]!);
    const first = seen.get(key);
    if (first !== undefined) {
      return violated(
        `${describe(config, state, refs[i]!)} was processed twice: its ${what} was written as effects ${first + 1} and ${i + 1}`,
        { ref: refs[i], effects: [first, i] },
      );
    }
    seen.set(key, i);
  }
  return holds;
}

/** Every input record committed to the topic has its effect in the sink. */
export function missingEffects(config: ModelConfig, state: State): Judgement {
  if (state.pipeline === undefined) return holds;
  const { refs, what } = effects(config, state);
  const done = new Set(refs.map((r) => identity(state, r)));
  for (let partition = 0; partition < inputPartitionCount(config); partition++) {
    const committed: LoggedRecord[] | null = committedRecords(state, partition);
    for (const r of committed ?? []) {
      if (done.has(identity(state, r.ref))) continue;
      const group = state.pipeline.group;
      return violated(
        `${describe(config, state, r.ref)} is committed at offset ${r.offset}, but the application never wrote its ${what} ` +
          `(the group's committed offset of partition ${partition} is ${group.committed[partition]})`,
        { ref: r.ref, partition, offset: r.offset, committed: group.committed[partition] },
      );
    }
  }
  return holds;
}

/** Once faults stop, the group is Stable, every instance is in it, and every committed record is consumed. */
export function groupSettled(_config: ModelConfig, state: State): Judgement {
  if (state.pipeline === undefined) return holds;
  const { group, instances } = state.pipeline;
  for (let c = 0; c < instances.length; c++) {
    const i = instances[c]!;
    if (i.status === 'failed') {
      return violated(
        `application ${c} died (its poll() threw with auto.offset.reset=none: NoOffsetForPartitionException, OffsetOutOfRangeException or LogTruncationException) and never came back`,
        {
          instance: c,
        },
      );
    }
    if (i.status !== 'running' || i.phase !== 'stable' || group.members[c]!.instance !== i.instance) {
      return violated(`application ${c} is not a stable member of the group once faults stopped`, {
        instance: c,
        status: i.status,
        phase: i.phase,
      });
    }
  }
  if (group.state !== 'Stable') {
    return violated(`the group is left ${group.state} once faults stopped`, { state: group.state });
  }
  return holds;
}
