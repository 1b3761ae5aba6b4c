/** The Kafka model's State as compact canonical bytes: encode.ts tells the layout. */
export { decodeState } from './decode.ts';
export { encodeState, StateEncoder } from './encode.ts';
