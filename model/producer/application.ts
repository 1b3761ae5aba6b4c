/**
 * The application around a producer: it calls `send()` for its workload records in order, and
 * its process may crash and restart with a new producer instance.
 */
import type { Action } from '../action.ts';
import type { ModelConfig } from '../config.ts';
import { replaceAt, updateAt } from '../immutable.ts';
import { type Connection, freshProducer, type Producer, type State } from '../state.ts';
import { appendToAccumulator, producerAt, withProducer } from './bookkeeping.ts';

type SendAction = Extract<Action, { type: 'Send' }>;
type CrashProducerAction = Extract<Action, { type: 'CrashProducer' }>;
type RestartProducerAction = Extract<Action, { type: 'RestartProducer' }>;

export function sendEnabled(config: ModelConfig, state: State, action: SendAction): boolean {
  const client = producerAt(state, action.producer);
  return client.status === 'running' && client.nextRecord < config.records;
}

/** The application hands its next record to `send()`; the record waits in the accumulator. */
export function send(config: ModelConfig, state: State, action: SendAction): State {
  const client = producerAt(state, action.producer);
  const next = withProducer(state, action.producer, { ...client, nextRecord: client.nextRecord + 1 });
  return appendToAccumulator(config, next, action.producer, client.nextRecord);
}

export function crashProducerEnabled(
  config: ModelConfig,
  state: State,
  action: CrashProducerAction,
): boolean {
  return (
    state.faultsUsed.producerRestart < config.faults.producerRestart &&
    producerAt(state, action.producer).status === 'running'
  );
}

/**
 * The application process dies with its producer: batches not yet sent are gone, and callbacks
 * never fire for what was in flight. The broker may still read requests that reached its socket.
 */
export function crashProducer(config: ModelConfig, state: State, action: CrashProducerAction): State {
  const client = producerAt(state, action.producer);
  const crashed: Producer = { ...freshProducer(config, client.nextRecord), status: 'crashed' };
  const closed = (c: Connection): Connection => ({
    requests: [],
    purgatory: null,
    responses: [],
    requestsLost: false,
    responsesLost: false,
    orphans: [...c.orphans, ...c.requests],
  });
  return {
    ...withProducer(state, action.producer, crashed),
    connections: updateAt(state.connections, action.producer, (row) => row.map(closed)),
    faultsUsed: { ...state.faultsUsed, producerRestart: state.faultsUsed.producerRestart + 1 },
  };
}

export function restartProducerEnabled(state: State, action: RestartProducerAction): boolean {
  return producerAt(state, action.producer).status === 'crashed';
}

/**
 * The application starts a new producer instance (a new PID once InitProducerId answers) and goes
 * on with its workload. With the `resend` policy it first sends again every record it handed to
 * `send()` that was never acknowledged, which idempotence cannot recognise as a duplicate.
 */
export function restartProducer(config: ModelConfig, state: State, action: RestartProducerAction): State {
  const client = producerAt(state, action.producer);
  let next: State = {
    ...state,
    producers: replaceAt(state.producers, action.producer, freshProducer(config, client.nextRecord)),
  };
  if (config.onFailure !== 'resend') return next;
  const sends = state.sends[action.producer]!;
  const acknowledged = new Set(sends.filter((s) => s.outcome.status === 'acknowledged').map((s) => s.record));
  const unacknowledged = [...new Set(sends.map((s) => s.record))].filter((r) => !acknowledged.has(r));
  for (const record of unacknowledged.sort((a, b) => a - b)) {
    next = appendToAccumulator(config, next, action.producer, record);
  }
  return next;
}
