/**
 * What makes re-encoding cost follow what a step changed: the state is written as a header and
 * then one slot per replica of each partition, per producer, per connection and per producer's
 * sends, and each slot remembers the last object it encoded and its bytes. A step copies only the
 * path it changes, so a successor shares every slot but one or two with the state it came from
 * (and with its siblings): those slots are found by identity and their bytes copied, with no
 * hashing and no map. Decoding a state primes the slots with its objects, so even the first
 * successor of a decoded state re-encodes only what its step changed.
 */

export class Slot {
  object: unknown = null;
  bytes = new Uint8Array(64);
  length = 0;

  /** Remembers `object` as encoded to `source[from, to)`. */
  remember(object: unknown, source: Uint8Array, from: number, to: number): void {
    const length = to - from;
    if (length > this.bytes.length) this.bytes = new Uint8Array(length * 2);
    const bytes = this.bytes;
    for (let i = 0; i < length; i++) bytes[i] = source[from + i]!;
    this.length = length;
    this.object = object;
  }
}

export interface Slots {
  /** Per partition, per replica. */
  readonly replicas: readonly (readonly Slot[])[];
  readonly producers: readonly Slot[];
  /** Per producer, per broker. */
  readonly connections: readonly (readonly Slot[])[];
  readonly sends: readonly Slot[];
}

export function slotsFor(replicas: readonly number[], producers: number, brokers: number): Slots {
  const slots = (n: number) => Array.from({ length: n }, () => new Slot());
  return {
    replicas: replicas.map(slots),
    producers: slots(producers),
    connections: Array.from({ length: producers }, () => slots(brokers)),
    sends: slots(producers),
  };
}
