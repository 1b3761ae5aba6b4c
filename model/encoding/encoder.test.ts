// The StateEncoder's slots and renamings with small exact inputs: which objects the slots remember,
// that a slot hit writes the remembered bytes instead of encoding the object again, and a renaming
// of three producers that is not its own inverse.
import { describe, expect, it } from 'vitest';
import { initialState, type State } from '../state.ts';
import { configWith } from '../testing.ts';
import { encodeState, StateEncoder } from './encode.ts';

const three = configWith({ producers: 3 });

/** The initial state of `three` with producer p's id set to 10 + p, so the producers differ. */
function distinctProducers(): State {
  const s = initialState(three);
  return { ...s, producers: s.producers.map((p, i) => ({ ...p, producerId: 10 + i })) };
}

describe('StateEncoder slots', () => {
  it('slots remember the objects of an encoding without a renaming, and a renamed encoding leaves them be', () => {
    // Expected: each replica, producer, connection and sends slot holds the encoded state's object; renaming writes no slot.
    const encoder = new StateEncoder(three);
    const s = distinctProducers();
    encoder.encode(s);
    const remembered = () => [
      encoder.slots.replicas[0]![1]!.object,
      encoder.slots.producers[1]!.object,
      encoder.slots.connections[1]![2]!.object,
      encoder.slots.sends[0]!.object,
    ];
    const objects = [s.partitions[0]!.replicas[1], s.producers[1], s.connections[1]![2], s.sends[0]];
    for (const [i, object] of remembered().entries()) expect(object, String(i)).toBe(objects[i]);
    encoder.encode(distinctProducers(), [1, 2, 0]);
    for (const [i, object] of remembered().entries()) expect(object, String(i)).toBe(objects[i]);
  });

  it('a slot holding the very object being encoded writes its remembered bytes, without encoding the object again', () => {
    // Expected: the slot is found by identity, so the bytes it remembers stand in for the producer's own.
    const s = distinctProducers();
    const plain = [...new StateEncoder(three).encode(s)];
    const encoder = new StateEncoder(three);
    const marker = Uint8Array.of(0xde, 0xad, 0xbe, 0xef);
    encoder.slots.producers[1]!.remember(s.producers[1], marker, 0, 4);
    const bytes = [...encoder.encode(s)];
    expect(bytes).not.toEqual(plain);
    expect(Buffer.from(Uint8Array.from(bytes)).includes(Buffer.from(marker))).toBe(true);
  });
});

describe('StateEncoder renaming', () => {
  it('a renaming of three producers that is not its own inverse writes producer p in slot to[p]', () => {
    // Expected: under to = [1, 2, 0] the slots hold producers 2, 0, 1, as the state with them moved there encodes.
    const s = distinctProducers();
    const [q0, q1, q2] = s.producers;
    const moved: State = { ...s, producers: [q2!, q0!, q1!] };
    const expected = [...new StateEncoder(three).encode(moved)];
    const encoder = new StateEncoder(three);
    expect([...encoder.encode(s, [1, 2, 0])]).toEqual(expected);
    expect([...encoder.encode(s, [2, 0, 1])]).not.toEqual(expected);
  });
});

describe('encodeState', () => {
  it('encodeState keeps one encoder per configuration: its result is a view of a buffer reused by the next call', () => {
    // Expected: two calls for the same configuration return views of one buffer; another configuration has its own.
    const s = distinctProducers();
    const first = encodeState(three, s);
    const copy = [...first];
    const second = encodeState(three, initialState(three));
    expect(second.buffer).toBe(first.buffer);
    expect([...encodeState(three, s)]).toEqual(copy);
    const other = configWith({ producers: 3 });
    expect(encodeState(other, s).buffer).not.toBe(first.buffer);
  });
});
