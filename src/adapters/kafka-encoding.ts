/**
 * How the Kafka adapter encodes states for the exhaustive explorer. `bytes` (the default) is the
 * compact canonical encoding of model/encoding: what BFS fingerprints, and, decoded back, how it
 * keeps its levels packed. `json` is the reference it replaced: `JSON.stringify` of the state,
 * kept so the bench and the tests can hold the two against each other.
 */
import { decodeState, StateEncoder } from '../../model/encoding/index.ts';
import type { Action, ModelConfig, State } from '../../model/index.ts';
import type { Model } from '../engines/contract.ts';
import { producerSymmetric, producerSymmetricBytes } from './kafka-symmetry.ts';

export type KafkaEncoding = 'bytes' | 'json';

export const kafkaEncodings: readonly KafkaEncoding[] = ['bytes', 'json'];

export type KafkaCodec = Required<Pick<Model<State, Action>, 'encode' | 'decode' | 'encodeSymmetric'>>;

const json = (state: State): string => JSON.stringify(state);

export function kafkaCodec(config: ModelConfig, encoding: KafkaEncoding): KafkaCodec {
  if (encoding === 'json') {
    return {
      encode: json,
      decode: (text) => JSON.parse(text as string) as State,
      encodeSymmetric: producerSymmetric(config.producers),
    };
  }
  const encoder = new StateEncoder(config);
  return {
    // A view of the encoder's buffer, valid until the next call: BFS hashes it or copies it.
    encode: (state) => encoder.encode(state),
    decode: (bytes) => decodeState(config, bytes as Uint8Array, encoder.slots),
    encodeSymmetric: producerSymmetricBytes(config),
  };
}
