// The byte writer and reader, the code tables and a slot on their own, with small exact inputs:
// varint bytes, the zigzag paths for small and large integers, growth past the buffer, and the
// refusals (with their messages) that decoding relies on to reject bytes that are not a state.
import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from './bytes.ts';
import { codeOf, memberOf, producerStatuses } from './codes.ts';
import { Slot } from './slots.ts';

/** The bytes `write` puts in a fresh writer. */
function written(write: (w: ByteWriter) => void): number[] {
  const w = new ByteWriter();
  write(w);
  return [...w.view()];
}

describe('ByteWriter and ByteReader', () => {
  it('varint: 7 bits a byte, low bits first, the top bit saying more follow', () => {
    // Expected: 127 fits one byte, 128 takes 0x80 0x01, 16384 takes three bytes.
    expect(written((w) => w.unsigned(127))).toEqual([0x7f]);
    expect(written((w) => w.unsigned(128))).toEqual([0x80, 0x01]);
    expect(written((w) => w.unsigned(300))).toEqual([0xac, 0x02]);
    expect(written((w) => w.unsigned(16384))).toEqual([0x80, 0x80, 0x01]);
    for (const n of [0, 1, 127, 128, 300, 16383, 16384, 2 ** 35 + 5, Number.MAX_SAFE_INTEGER]) {
      expect(new ByteReader(Uint8Array.from(written((w) => w.unsigned(n)))).unsigned(), String(n)).toBe(n);
    }
  });

  it('zigzag int: small values on the 31-bit path and large ones beyond it read back, -1 in one byte', () => {
    // Expected: n >= 0 is written as 2n and n < 0 as -2n - 1, on both sides of +-2^30 and up to 2^51.
    expect(written((w) => w.int(-1))).toEqual([1]);
    expect(written((w) => w.int(1))).toEqual([2]);
    expect(written((w) => w.int(2 ** 30))).toEqual(written((w) => w.unsigned(2 ** 31)));
    expect(written((w) => w.int(-(2 ** 30)))).toEqual(written((w) => w.unsigned(2 ** 31 - 1)));
    const values = [0, 1, -1, 63, -64, 2 ** 30 - 1, 2 ** 30, -(2 ** 30) + 1, -(2 ** 30), 2 ** 31, -(2 ** 31)];
    values.push(2 ** 40 + 3, -(2 ** 40) - 3, 2 ** 51 + 1, -(2 ** 51) - 1);
    const w = new ByteWriter();
    for (const v of values) w.int(v);
    const r = new ByteReader(w.view().slice());
    expect(values.map(() => r.int())).toEqual(values);
    expect(r.done).toBe(true);
  });

  it('zigzag int refuses what is not a safe integer, naming it', () => {
    // Expected: fractions, 2^53 and infinities cannot be encoded.
    const w = new ByteWriter();
    expect(() => w.int(1.5)).toThrow('cannot encode 1.5: not a safe integer');
    expect(() => w.int(2 ** 53)).toThrow('cannot encode 9007199254740992: not a safe integer');
    expect(() => w.int(-Infinity)).toThrow(RangeError);
  });

  it('zigzag int: the limits are 2^52 - 1 and -2^52, whose codes are the largest safe integers; one past is refused', () => {
    // Expected: both limits read back exactly; 2^52 and Number.MIN_SAFE_INTEGER would need a code
    // past 2^53, which a double cannot hold exactly, so they are refused rather than written wrong.
    const w = new ByteWriter();
    w.int(2 ** 52 - 1);
    w.int(-(2 ** 52));
    const r = new ByteReader(w.view().slice());
    expect([r.int(), r.int()]).toEqual([2 ** 52 - 1, -(2 ** 52)]);
    expect(() => new ByteWriter().int(2 ** 52)).toThrow(
      'cannot encode 4503599627370496: its zigzag code passes 2^53 (the limit is ±2^52)',
    );
    expect(() => new ByteWriter().int(Number.MIN_SAFE_INTEGER)).toThrow(/zigzag code passes 2\^53/);
  });

  it('nullable int: null as 0, an integer as 1 + its zigzag code', () => {
    // Expected: null, 0, -1 and 1 take one byte each, and every one reads back.
    expect(
      written((w) => {
        for (const v of [null, 0, -1, 1]) w.nullableInt(v);
      }),
    ).toEqual([0, 1, 2, 3]);
    const values = [null, 0, -1, 5, -(2 ** 31), 2 ** 40];
    const w = new ByteWriter();
    for (const v of values) w.nullableInt(v);
    const r = new ByteReader(w.view().slice());
    expect(values.map(() => r.nullableInt())).toEqual(values);
  });

  it('the buffer grows when a byte, a varint or a copy would not fit, keeping what was written', () => {
    // Expected: 600 bytes written past the 512-byte start read back in order, whichever write crosses the end.
    for (const last of ['byte', 'unsigned', 'copy'] as const) {
      const w = new ByteWriter();
      for (let i = 0; i < 510; i++) w.byte(i % 128);
      const source = Uint8Array.from({ length: 90 }, (_, i) => (i * 7) % 128);
      if (last === 'byte') for (const b of source) w.byte(b);
      else if (last === 'unsigned') for (const b of source) w.unsigned(b);
      else w.copy(source, source.length);
      const expected = [...Array.from({ length: 510 }, (_, i) => i % 128), ...source];
      expect([...w.view()], last).toEqual(expected);
    }
  });

  it('the buffer grows only when a write would not fit: exactly full, it keeps its 512 bytes', () => {
    // Expected: a copy ending at the last byte, and a varint with 8 bytes of room, leave the buffer as it is.
    const copied = new ByteWriter();
    for (let i = 0; i < 502; i++) copied.byte(1);
    copied.copy(new Uint8Array(10), 10);
    expect([copied.length, copied.bytes.length]).toEqual([512, 512]);
    const varints = new ByteWriter();
    for (let i = 0; i < 505; i++) varints.unsigned(1);
    expect(varints.bytes.length).toBe(512);
    for (let i = 0; i < 7; i++) varints.byte(1);
    expect([varints.length, varints.bytes.length]).toEqual([512, 512]);
  });

  it('the reader refuses to read past the end, and a boolean byte other than 0 or 1', () => {
    // Expected: a truncated encoding and a corrupt flag are errors naming what is wrong, not quiet zeros.
    expect(() => new ByteReader(new Uint8Array(0)).byte()).toThrow('encoding ends early');
    const r = new ByteReader(Uint8Array.of(7));
    expect(r.byte()).toBe(7);
    expect(() => r.byte()).toThrow('encoding ends early');
    expect(() => new ByteReader(Uint8Array.of(0x80)).unsigned()).toThrow('encoding ends early');
    expect(() => new ByteReader(Uint8Array.of(2)).bool()).toThrow('not a boolean: 2');
    const flags = new ByteReader(Uint8Array.of(0, 1));
    expect([flags.bool(), flags.bool(), flags.done]).toEqual([false, true, true]);
  });
});

describe('code tables', () => {
  it('codeOf and memberOf refuse a value or code the table does not list, naming it', () => {
    // Expected: an unknown member has no code and a code past the table has no member.
    expect(codeOf(producerStatuses, 'stalled')).toBe(2);
    expect(memberOf(producerStatuses, 2)).toBe('stalled');
    expect(() => codeOf(producerStatuses, 'sleeping' as 'running')).toThrow('no code for sleeping');
    expect(() => memberOf(producerStatuses, 3)).toThrow('no member with code 3');
  });
});

describe('Slot', () => {
  it('a slot remembers bytes longer than its first buffer', () => {
    // Expected: remembering 100 bytes (past the 64 a slot starts with) keeps all of them.
    const slot = new Slot();
    const source = Uint8Array.from({ length: 110 }, (_, i) => i + 1);
    const object = {};
    slot.remember(object, source, 10, 110);
    expect(slot.object).toBe(object);
    expect(slot.length).toBe(100);
    expect([...slot.bytes.subarray(0, 100)]).toEqual([...source.subarray(10, 110)]);
  });

  it('a slot keeps its buffer while the bytes fit it, up to exactly its length', () => {
    // Expected: remembering 64 bytes, then 3, writes into the slot's first 64-byte buffer.
    const slot = new Slot();
    const buffer = slot.bytes;
    const source = Uint8Array.from({ length: 64 }, (_, i) => 200 - i);
    slot.remember('a', source, 0, 64);
    expect(slot.bytes).toBe(buffer);
    expect([...slot.bytes]).toEqual([...source]);
    slot.remember('b', source, 61, 64);
    expect([slot.bytes, slot.length, slot.object]).toEqual([buffer, 3, 'b']);
    expect([...slot.bytes.subarray(0, 3)]).toEqual([139, 138, 137]);
  });
});
