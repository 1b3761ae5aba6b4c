/**
 * Reading settings: `.properties` text (Java's format, with Kafka's keys) and `key=value` pairs
 * from --set, each entry remembering where it came from; and checking one value against its
 * key's type the way Kafka's ConfigDef does.
 */
import { Properties, PropertiesNodeType } from 'properties-file/parser';
import type { KeyType } from './catalog.ts';

export interface Entry {
  readonly key: string;
  readonly value: string;
  /** Where it came from, for messages: "producer.properties line 4", "--set", "preset durable". */
  readonly source: string;
}

export function entriesOfProperties(text: string, path: string): Entry[] {
  const entries: Entry[] = [];
  for (const node of new Properties(text).nodes) {
    if (node.type !== PropertiesNodeType.PROPERTY) continue;
    entries.push({
      key: node.key.trim(),
      value: node.value,
      source: `${path} line ${node.startingLineNumber}`,
    });
  }
  return entries;
}

/** Parses one --set argument; returns null when it has no `=` or no key. */
export function entryOfSet(text: string): Entry | null {
  const at = text.indexOf('=');
  if (at <= 0) return null;
  return { key: text.slice(0, at).trim(), value: text.slice(at + 1), source: '--set' };
}

export type Parsed =
  | { readonly ok: true; readonly value: number | boolean | string }
  | { readonly ok: false; readonly allowed: string };

function describeRange(type: { kind: 'int' | 'long'; min: number; max: number }, maxText: string): string {
  return `a whole number from ${type.min} to ${maxText}`;
}

/** Checks a value as Kafka would: booleans true/false in any case, decimal numbers within range. */
export function parseValue(type: KeyType, raw: string): Parsed {
  const text = raw.trim();
  switch (type.kind) {
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === 'false') return { ok: true, value: lower === 'true' };
      return { ok: false, allowed: 'true or false' };
    }
    case 'enum':
      return type.values.includes(text)
        ? { ok: true, value: text }
        : { ok: false, allowed: `one of ${type.values.join(', ')}` };
    case 'string':
      return { ok: true, value: text };
    case 'int':
    case 'long': {
      const maxText = type.kind === 'long' && type.max >= 9e18 ? '9223372036854775807' : String(type.max);
      if (!/^-?\d+$/.test(text)) return { ok: false, allowed: describeRange(type, maxText) };
      const exact = BigInt(text);
      if (exact < BigInt(type.min) || exact > BigInt(maxText))
        return { ok: false, allowed: describeRange(type, maxText) };
      return { ok: true, value: Number(exact) };
    }
  }
}
