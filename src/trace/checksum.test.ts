import { describe, expect, it } from 'vitest';
import { checkedContent, checkedJson, jsonWithChecksum, withChecksum } from './checksum.ts';

describe('checksum', () => {
  it('checksum: a binary file reads back whole, and every flipped byte or cut is refused', () => {
    // Expected: the content round-trips; each single-byte flip anywhere, and each cut, is caught.
    const content = new TextEncoder().encode('levelStarts frontier visited');
    const sealed = withChecksum(content);
    const read = checkedContent(sealed);
    expect(read.ok && Buffer.from(read.content).equals(Buffer.from(content))).toBe(true);
    for (let i = 0; i < sealed.length; i++) {
      const damaged = sealed.slice();
      damaged[i] = damaged[i]! ^ 0x40;
      expect(checkedContent(damaged).ok, `byte ${i}`).toBe(false);
    }
    for (const length of [0, 1, content.length, sealed.length - 1]) {
      expect(checkedContent(sealed.subarray(0, length)).ok, `cut to ${length}`).toBe(false);
    }
    expect(checkedContent(content)).toEqual({
      ok: false,
      problem: 'it has no checksum trailer: it is cut short, or not written by this deliverycheck',
    });
  });

  it('checksum: a JSON file reads back without its checksum, and an edited value or a dropped field is refused', () => {
    // Expected: the value round-trips; editing, dropping a field or the checksum is caught.
    const value = { format: 'x', states: 12, nested: { ok: true }, list: [1, 2] };
    const text = jsonWithChecksum(value);
    expect(checkedJson(JSON.parse(text))).toEqual({ ok: true, content: value });
    const edited = JSON.parse(text.replace('"states": 12', '"states": 13'));
    expect(checkedJson(edited)).toEqual({
      ok: false,
      problem: 'its checksum does not match its content: the file is damaged or was edited',
    });
    const { states: _, ...dropped } = JSON.parse(text);
    expect(checkedJson(dropped).ok).toBe(false);
    const { checksum: __, ...bare } = JSON.parse(text);
    expect(checkedJson(bare)).toEqual({
      ok: false,
      problem: 'it has no "checksum" field (expected "sha256:…")',
    });
    expect(checkedJson([1]).ok).toBe(false);
  });
});
