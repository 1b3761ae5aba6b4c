/**
 * What the producer client does when a connection dies under it: every request it awaited there
 * fails back to it with the connection's error, to be retried or failed to the application.
 */
import type { ModelConfig } from '../config.ts';
import { replaceAt } from '../immutable.ts';
import type { KafkaError, State } from '../state.ts';
import { producerAt, withProducer } from './bookkeeping.ts';
import { batchFailed, resolveSequences } from './outcome.ts';

/** Every request the producer awaited on the connection to `broker` fails with `error`. */
export function failInFlight(
  config: ModelConfig,
  state: State,
  producer: number,
  broker: number,
  error: KafkaError,
): State {
  const client = producerAt(state, producer);
  const awaited = client.inFlight[broker]!;
  if (awaited.length === 0) return state;
  let next = withProducer(state, producer, { ...client, inFlight: replaceAt(client.inFlight, broker, []) });
  for (const f of awaited) if (!f.expired) next = batchFailed(config, next, producer, f.batch, error);
  return resolveSequences(next, producer);
}

/** The producer still awaits something on its connection to `broker`. */
export function awaitsResponse(state: State, producer: number, broker: number): boolean {
  const client = producerAt(state, producer);
  return client.status === 'running' && client.inFlight[broker]!.length > 0;
}
