/**
 * The application processes the next record of its batch and writes the result to its sink: an
 * output in its external store (with the consumed offset in the same write, when the store keeps
 * the offsets), or an e-mail. Each output names its input record.
 */

import {
  type CommitStrategy,
  type ModelConfig,
  producerOfInstance,
  writesOutputTopic,
} from '../../config.ts';
import { instanceAt, pipelineConfig, pipelineOf, withInstance, withSink } from '../../group/group.ts';
import { mayWriteOutput, outputProducerOf, sendOutput } from '../../group/output.ts';
import type { ConsumedRecord, LoopStage, Sink, State } from '../../state.ts';
import { perConsumer, type StepModule } from '../step.ts';
import { recordList } from '../words.ts';

export interface ProcessRecordAction {
  readonly type: 'ProcessRecord';
  readonly consumer: number;
}

function written(config: ModelConfig, sink: Sink, r: ConsumedRecord): Sink {
  const pipeline = pipelineConfig(config);
  if (pipeline.sink === 'side-effect') return { ...sink, emails: [...sink.emails, r.ref] };
  return {
    ...sink,
    outputs: [...sink.outputs, r.ref],
    offsets:
      pipeline.commit === 'external'
        ? sink.offsets.map((o, p) => (p === r.partition ? r.offset + 1 : o))
        : sink.offsets,
  };
}

/** Where the loop goes once the batch is processed. */
const afterBatch: Record<CommitStrategy, LoopStage> = {
  before: 'poll',
  after: 'commit-after',
  auto: 'poll',
  'on-revoke': 'poll',
  transactional: 'add-offsets',
  external: 'poll',
};

export const processRecord: StepModule<ProcessRecordAction> = {
  type: 'ProcessRecord',
  actor: 'application',
  fields: { consumer: 'consumer' },
  footprint: {
    reads: ['producers[*].status'],
    writes: [
      'attempts[*]',
      'pipeline.instances',
      'pipeline.sink',
      'producers[*].partitions',
      'producers[*].transaction',
      'sends[*]',
    ],
  },
  candidates: (config) => perConsumer(config, (consumer) => ({ type: 'ProcessRecord', consumer })),
  guard(config, state, a) {
    const i = instanceAt(state, a.consumer);
    if (i.status !== 'running' || i.stage !== 'process' || i.batch.length === 0) return false;
    return !writesOutputTopic(config) || mayWriteOutput(config, state, a.consumer);
  },
  effect(config, state: State, a) {
    const i = instanceAt(state, a.consumer);
    const [first, ...rest] = i.batch;
    // An exactly-once application sends its output; with a side-effect sink it sends the e-mail too.
    const sent = writesOutputTopic(config) ? sendOutput(config, state, a.consumer, first!.ref) : state;
    const next =
      pipelineConfig(config).sink === 'topic'
        ? sent
        : withSink(sent, written(config, pipelineOf(sent).sink, first!));
    return withInstance(next, a.consumer, {
      ...i,
      batch: rest,
      stage: rest.length > 0 ? 'process' : afterBatch[pipelineConfig(config).commit],
    });
  },
  tell(config, before, a) {
    const r = instanceAt(before, a.consumer).batch[0]!;
    const pipeline = pipelineConfig(config);
    const what = recordList(before, config, [r.ref]);
    const output = writesOutputTopic(config)
      ? ` its output with producer ${producerOfInstance(config, a.consumer)}${outputProducerOf(config, before, a.consumer).transaction?.state === 'Ready' ? ', beginning a transaction' : ''}`
      : '';
    const message =
      pipeline.sink === 'topic'
        ? `processes ${what} (offset ${r.offset}) and sends${output}`
        : pipeline.sink === 'side-effect'
          ? `processes ${what} (offset ${r.offset}) and sends its e-mail${output === '' ? '' : `, then${output}`}`
          : `processes ${what} (offset ${r.offset}) and writes its output to the external store${pipeline.commit === 'external' ? `, with offset ${r.offset + 1} of partition ${r.partition} in the same write` : ''}`;
    return { actor: `instance ${a.consumer}`, message };
  },
};
