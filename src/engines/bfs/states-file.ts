/**
 * A shard's visited states, for `merge`: per state its fingerprint, its BFS distance in that
 * shard, and how many actions it enables (0xffff when that shard did not expand it). Merging takes
 * each state once, at its smallest distance, so the union's counts equal an unsharded run's.
 */
import type { VisitedSet } from './visited.ts';

const MAGIC = 0x44435331; // "DCS1"
const HEADER = 8;
const RECORD = 12;
export const NOT_EXPANDED = 0xffff;

export function encodeStates(visited: VisitedSet, levelStarts: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(HEADER + visited.size * RECORD);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, visited.size, true);
  const depths = new Uint16Array(visited.size);
  for (let level = 0; level < levelStarts.length; level++) {
    const to = level + 1 < levelStarts.length ? levelStarts[level + 1]! : visited.size;
    depths.fill(level, levelStarts[level]!, to);
  }
  let at = HEADER;
  let id = 0;
  for (const [hi, lo, outDegree] of visited.states()) {
    view.setUint32(at, hi, true);
    view.setUint32(at + 4, lo, true);
    view.setUint16(at + 8, depths[id++]!, true);
    view.setUint16(at + 10, outDegree, true);
    at += RECORD;
  }
  return bytes;
}

export interface StateRecord {
  readonly hi: number;
  readonly lo: number;
  readonly depth: number;
  readonly outDegree: number;
}

/** The records of a states file (check it with `isStatesFile` first). */
export function* decodeStates(bytes: Uint8Array): Generator<StateRecord> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  for (let i = 0, at = HEADER; i < count; i++, at += RECORD) {
    yield {
      hi: view.getUint32(at, true),
      lo: view.getUint32(at + 4, true),
      depth: view.getUint16(at + 8, true),
      outDegree: view.getUint16(at + 10, true),
    };
  }
}

/** How many states a states file holds. */
export function stateCount(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
}

/** Whether the bytes look like a whole states file. */
export function isStatesFile(bytes: Uint8Array): boolean {
  if (bytes.byteLength < HEADER) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(0, true) === MAGIC && bytes.byteLength === HEADER + view.getUint32(4, true) * RECORD;
}
