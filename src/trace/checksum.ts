/**
 * Files the tool writes and reads back (checkpoints, explore results, shard state files) carry a
 * SHA-256 checksum of their content, so a file damaged on disk or in transit is refused, not
 * trusted. A binary file ends with a trailer; a JSON file carries a `checksum` field, computed over
 * the file as it would be printed without that field.
 */
import { createHash } from 'node:crypto';

const TRAILER_TAG = new TextEncoder().encode('deliverycheck-sha256');
const DIGEST = 32;
const TRAILER = TRAILER_TAG.length + DIGEST;
const PREFIX = 'sha256:';

function digest(bytes: Uint8Array | string): Buffer {
  return createHash('sha256').update(bytes).digest();
}

/** The content with its checksum trailer. */
export function withChecksum(content: Uint8Array): Uint8Array {
  const out = new Uint8Array(content.length + TRAILER);
  out.set(content, 0);
  out.set(TRAILER_TAG, content.length);
  out.set(digest(content), content.length + TRAILER_TAG.length);
  return out;
}

export type Checked<T> =
  | { readonly ok: true; readonly content: T }
  | { readonly ok: false; readonly problem: string };

/** The content a checksummed file holds, or what is wrong with it. */
export function checkedContent(bytes: Uint8Array): Checked<Uint8Array> {
  const at = bytes.length - TRAILER;
  const tag = at < 0 ? null : bytes.subarray(at, at + TRAILER_TAG.length);
  if (tag === null || !Buffer.from(tag).equals(TRAILER_TAG)) {
    return {
      ok: false,
      problem: 'it has no checksum trailer: it is cut short, or not written by this deliverycheck',
    };
  }
  const content = bytes.subarray(0, at);
  if (!digest(content).equals(bytes.subarray(at + TRAILER_TAG.length))) {
    return { ok: false, problem: 'its checksum does not match its content: the file is damaged' };
  }
  return { ok: true, content };
}

/** A JSON document as a file holds it: pretty-printed, with its checksum as the last field. */
export function jsonWithChecksum(value: object): string {
  const text = JSON.stringify(value, null, 2);
  return `${JSON.stringify({ ...value, checksum: `${PREFIX}${digest(text).toString('hex')}` }, null, 2)}\n`;
}

/** The value a checksummed JSON document holds, without its checksum, or what is wrong with it. */
export function checkedJson(json: unknown): Checked<Record<string, unknown>> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, problem: 'it is not a JSON object' };
  }
  const { checksum, ...value } = json as Record<string, unknown>;
  if (typeof checksum !== 'string' || !checksum.startsWith(PREFIX)) {
    return { ok: false, problem: `it has no "checksum" field (expected "${PREFIX}…")` };
  }
  if (digest(JSON.stringify(value, null, 2)).toString('hex') !== checksum.slice(PREFIX.length)) {
    return {
      ok: false,
      problem: 'its checksum does not match its content: the file is damaged or was edited',
    };
  }
  return { ok: true, content: value };
}
