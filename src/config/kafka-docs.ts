/**
 * Kafka's own configuration reference, as its ConfigDef documentation prints it
 * (`docs/generated/producer_config.html` and its siblings): per key its type, its default and its
 * valid values. The catalogue generator (src/cli/kafka-catalog.ts) reads it with `parseConfigDocs`;
 * the resolver checks a value against it with parse.ts's `checkDocumented`, the checker every
 * key's value goes through.
 */

export type DocumentedScope = 'producer' | 'consumer' | 'topic' | 'broker';

export type DocumentedType =
  | 'boolean'
  | 'short'
  | 'int'
  | 'long'
  | 'double'
  | 'string'
  | 'list'
  | 'class'
  | 'password';

export interface DocumentedKey {
  readonly key: string;
  readonly scope: DocumentedScope;
  readonly type: DocumentedType;
  /** As the documentation prints it; empty when the key has no default. */
  readonly default: string;
  /** The documentation's "Valid Values", when it states a range or a list this file can check. */
  readonly valid?: Validity;
}

export type Validity =
  | { readonly kind: 'range'; readonly min: string | null; readonly max: string | null }
  | { readonly kind: 'oneOf'; readonly values: readonly string[]; readonly anyCase: boolean };

const types: readonly DocumentedType[] = [
  'boolean',
  'short',
  'int',
  'long',
  'double',
  'string',
  'list',
  'class',
  'password',
];

function htmlText(html: string): string {
  return html
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** The row `name` of a key's table: `<tr><th>Type:</th><td>int</td></tr>`. */
function row(block: string, name: string): string | null {
  const match = new RegExp(`<tr><th>${name}:</th><td>([\\s\\S]*?)</td></tr>`).exec(block);
  return match === null ? null : htmlText(match[1]!.trim());
}

/** `[1,...]`, `[0,...,900]`, `[a, b, c]`, `(case insensitive) [A, B]`; null for prose. */
export function validityOf(text: string): Validity | undefined {
  const range = /^\[(-?[\d.]+),\.\.\.(?:,(-?[\d.]+))?\]$/.exec(text);
  if (range !== null) return { kind: 'range', min: range[1]!, max: range[2] ?? null };
  const list = /^(\(case insensitive\) )?\[([^[\]]+)\]$/.exec(text);
  if (list !== null && !list[2]!.includes('...')) {
    return {
      kind: 'oneOf',
      values: list[2]!.split(',').map((v) => v.trim()),
      anyCase: list[1] !== undefined,
    };
  }
  return undefined;
}

/** Every key documented in one of Kafka's generated configuration pages. */
export function parseConfigDocs(html: string, scope: DocumentedScope): DocumentedKey[] {
  const keys: DocumentedKey[] = [];
  // A key's block opens with its heading; a description may hold lists of its own.
  for (const block of html.split(/<li>\s*(?=<h4>)/).slice(1)) {
    const name = /<h4>(?:<a id="[^"]*"><\/a>)?<a [^>]*>([^<]+)<\/a><\/h4>/.exec(block);
    const type = row(block, 'Type');
    if (name === null || type === null) continue;
    if (!(types as readonly string[]).includes(type)) throw new Error(`${name[1]}: unknown type ${type}`);
    const valid = validityOf(row(block, 'Valid Values') ?? '');
    keys.push({
      key: htmlText(name[1]!.trim()),
      scope,
      type: type as DocumentedType,
      default: row(block, 'Default') ?? '',
      ...(valid === undefined ? {} : { valid }),
    });
  }
  return keys;
}
