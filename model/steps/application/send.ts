/** The application hands its next workload record to `send()`; the record waits in the accumulator. */
import type { ModelConfig } from '../../config.ts';
import { appendToAccumulator, producerAt, withProducer } from '../../producer/bookkeeping.ts';
import type { State } from '../../state.ts';
import { beginTransaction, currentBlock } from '../../transactions/client.ts';
import { perWorkloadProducer, type StepModule } from '../step.ts';
import { recordList } from '../words.ts';

export interface SendAction {
  readonly type: 'Send';
  readonly producer: number;
}

export const send: StepModule<SendAction> = {
  type: 'Send',
  actor: 'application',
  fields: { producer: 'producer' },
  footprint: {
    reads: ['producers[producer].status'],
    writes: [
      'attempts[producer]',
      'producers[producer].nextRecord',
      'producers[producer].partitions',
      'producers[producer].transaction',
      'sends[producer]',
    ],
  },
  alwaysOn: true,
  candidates: (config) => perWorkloadProducer(config, (producer) => ({ type: 'Send', producer })),
  guard(config, state, action) {
    const client = producerAt(state, action.producer);
    if (client.status !== 'running' || client.nextRecord >= config.records) return false;
    const t = client.transaction;
    if (t === null) return true;
    // A transaction's records are sent between beginTransaction() and commitTransaction().
    if (t.state === 'Ready') return true;
    return t.state === 'InTransaction' && client.nextRecord < currentBlock(config, client).end;
  },
  effect(config: ModelConfig, state: State, action) {
    const client = producerAt(state, action.producer);
    const begun = client.transaction?.state === 'Ready' ? beginTransaction(state, action.producer) : state;
    const next = withProducer(begun, action.producer, {
      ...producerAt(begun, action.producer),
      nextRecord: client.nextRecord + 1,
    });
    return appendToAccumulator(config, next, action.producer, client.nextRecord);
  },
  tell: (config, before, a, after) => ({
    actor: `application ${a.producer}`,
    message: `${before.producers[a.producer]!.transaction?.state === 'Ready' ? 'calls beginTransaction(), then ' : 'calls '}send(${recordList(after, config, [{ producer: a.producer, send: after.sends[a.producer]!.length - 1 }]).replace('record ', '')}); it waits in the record accumulator`,
  }),
};
