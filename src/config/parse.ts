/**
 * Reading settings: `.properties` text (Java's format, with Kafka's keys) and `key=value` pairs
 * from --set, each entry remembering where it came from; and checking one value against its
 * key's type the way Kafka's ConfigDef does.
 */
import { Properties, PropertiesNodeType } from 'properties-file/parser';
import type { KeyType } from './catalog.ts';
import { ConfigError } from './error.ts';
import type { DocumentedKey } from './kafka-docs.ts';

export interface Entry {
  readonly key: string;
  readonly value: string;
  /** Where it came from, for messages: "producer.properties line 4", "--set", "preset durable". */
  readonly source: string;
}

export function entriesOfProperties(text: string, path: string): Entry[] {
  const entries: Entry[] = [];
  for (const node of propertiesOf(text, path).nodes) {
    if (node.type !== PropertiesNodeType.PROPERTY) continue;
    entries.push({
      key: node.key.trim(),
      value: node.value,
      source: `${path} line ${node.startingLineNumber}`,
    });
  }
  return entries;
}

/**
 * The file parsed as Java's Properties.load reads it. Java refuses a `\u` escape without four
 * hex digits ("Malformed \\uxxxx encoding"), and so does the parser: the refusal names the file.
 */
function propertiesOf(text: string, path: string): Properties {
  try {
    return new Properties(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      'ConfigException',
      `${path} is not a .properties file Java can load: ${reason} (a \\u escape takes exactly four hex digits, as in \\u00e9)`,
    );
  }
}

/** Parses one --set argument; returns null when it has no `=` or no key. */
export function entryOfSet(text: string): Entry | null {
  const at = text.indexOf('=');
  const key = text.slice(0, Math.max(at, 0)).trim();
  if (at < 0 || key.length === 0) return null;
  return { key, value: text.slice(at + 1), source: '--set' };
}

export type Parsed =
  | {
      readonly ok: true;
      readonly value: number | boolean | string;
      /** The value as Kafka prints it once parsed: trimmed, `TRUE` as `true`, `+05` as `5`. */
      readonly text: string;
    }
  | { readonly ok: false; readonly allowed: string };

/** Java's Integer.parseInt and Long.parseLong: decimal, an optional sign, nothing else. */
const JAVA_INTEGER = /^[+-]?\d+$/;

function wholeNumber(text: string, min: bigint, max: bigint): Parsed {
  const allowed = `a whole number from ${min} to ${max}`;
  if (!JAVA_INTEGER.test(text)) return { ok: false, allowed };
  const exact = BigInt(text);
  if (exact < min || exact > max) return { ok: false, allowed };
  // Long.MAX_VALUE becomes 2^63 as a number, which is the model's LONG_MAX: still "never".
  return { ok: true, value: Number(exact), text: String(exact) };
}

/**
 * Checks a value as Kafka's ConfigDef does: it trims every value first; booleans are true or
 * false in any case; numbers are decimal within the key's validator range; acks is one of its
 * four spellings, case-sensitive; transactional.id must not be empty (ConfigDef.NonEmptyString).
 */
export function parseValue(type: KeyType, raw: string): Parsed {
  const text = raw.trim();
  switch (type.kind) {
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === 'false') return { ok: true, value: lower === 'true', text: lower };
      return { ok: false, allowed: 'true or false' };
    }
    case 'enum': {
      // ConfigDef.CaseInsensitiveValidString takes any case and the model reads it in lower case.
      const given = type.anyCase === true ? text.toLowerCase() : text;
      return type.values.includes(given)
        ? { ok: true, value: given, text: given }
        : {
            ok: false,
            allowed: `one of ${type.values.join(', ')}${type.anyCase === true ? ' (any case)' : ''}`,
          };
    }
    case 'string':
      return text.length > 0 ? { ok: true, value: text, text } : { ok: false, allowed: 'a non-empty string' };
    case 'int':
      return wholeNumber(text, BigInt(type.min), BigInt(type.max));
    case 'long':
      return wholeNumber(text, type.min, type.max);
    case 'double': {
      const n = Number(text);
      const bounded = Number.isFinite(type.min) || Number.isFinite(type.max);
      const allowed = bounded ? `a number from ${type.min} to ${type.max}` : 'a number';
      if (text === '' || !Number.isFinite(n) || n < type.min || n > type.max) return { ok: false, allowed };
      return { ok: true, value: n, text: String(n) };
    }
  }
}

/** Java's smallest and largest values of each whole-number type Kafka documents. */
const integerLimits = { short: 2n ** 15n, int: 2n ** 31n, long: 2n ** 63n } as const;

/**
 * A documented key's type as the shared checker reads it (`parseValue`): its Java type, narrowed
 * by the range or the values its validator documents; null for strings, classes and passwords
 * with no list of values, which take any text.
 */
function documentedType(d: DocumentedKey): KeyType | null {
  const range = d.valid?.kind === 'range' ? d.valid : null;
  if (d.type === 'boolean') return { kind: 'boolean' };
  if (d.type === 'short' || d.type === 'int' || d.type === 'long') {
    const limit = integerLimits[d.type];
    const min = range?.min == null ? -limit : BigInt(range.min);
    const max = range?.max == null ? limit - 1n : BigInt(range.max);
    return d.type === 'long'
      ? { kind: 'long', min, max }
      : { kind: 'int', min: Number(min), max: Number(max) };
  }
  if (d.type === 'double') {
    const min = range?.min == null ? Number.NEGATIVE_INFINITY : Number(range.min);
    return { kind: 'double', min, max: range?.max == null ? Number.POSITIVE_INFINITY : Number(range.max) };
  }
  if (d.valid?.kind !== 'oneOf') return null;
  // The shared enum check reads an any-case value in lower case.
  const values = d.valid.anyCase ? d.valid.values.map((v) => v.toLowerCase()) : d.valid.values;
  return { kind: 'enum', values, ...(d.valid.anyCase ? { anyCase: true as const } : {}) };
}

/**
 * What Kafka allows for a documented key, in words, when `raw` is not it; null when it is. A list
 * key's every element is checked (cleanup.policy=compact,delete).
 */
export function checkDocumented(d: DocumentedKey, raw: string): string | null {
  const type = documentedType(d);
  if (type === null) return null;
  const items = d.type === 'list' ? raw.split(',') : [raw];
  const refused = items.map((item) => parseValue(type, item)).find((p) => !p.ok);
  if (refused === undefined || refused.ok) return null;
  return d.type === 'list' ? `a comma-separated list, each ${refused.allowed}` : refused.allowed;
}
