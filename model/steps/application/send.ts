/** The application hands its next workload record to `send()`; the record waits in the accumulator. */
import type { ModelConfig } from '../../config.ts';
import { appendToAccumulator, producerAt, withProducer } from '../../producer/bookkeeping.ts';
import type { State } from '../../state.ts';
import { perProducer, type StepModule } from '../step.ts';
import { recordList } from '../words.ts';

export interface SendAction {
  readonly type: 'Send';
  readonly producer: number;
}

export const send: StepModule<SendAction> = {
  type: 'Send',
  actor: 'application',
  fields: { producer: 'producer' },
  alwaysOn: true,
  candidates: (config) => perProducer(config, (producer) => ({ type: 'Send', producer })),
  guard(config, state, action) {
    const client = producerAt(state, action.producer);
    return client.status === 'running' && client.nextRecord < config.records;
  },
  effect(config: ModelConfig, state: State, action) {
    const client = producerAt(state, action.producer);
    const next = withProducer(state, action.producer, { ...client, nextRecord: client.nextRecord + 1 });
    return appendToAccumulator(config, next, action.producer, client.nextRecord);
  },
  tell: (config, _before, a, after) => ({
    actor: `application ${a.producer}`,
    message: `calls send(${recordList(after, config, [{ producer: a.producer, send: after.sends[a.producer]!.length - 1 }]).replace('record ', '')}); it waits in the record accumulator`,
  }),
};
