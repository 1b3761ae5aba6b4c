import { describe, expect, it } from 'vitest';
import { LONG_MAX } from '../../model/index.ts';
import { definitionOf, type KeyType } from './catalog.ts';
import { entriesOfProperties, entryOfSet, parseValue } from './parse.ts';

function typeOf(key: string): KeyType {
  const definition = definitionOf(key);
  if (definition === undefined) throw new Error(`${key} is not in the catalogue`);
  return definition.type;
}

describe('config', () => {
  it('config: properties text: comments, separators, continuations and escapes, with line numbers', () => {
    // Expected: Java's .properties rules; a continued entry reports the line it starts on.
    const text = [
      '# a comment',
      '! another comment',
      'acks : all',
      'retries 10',
      'bootstrap.servers=kafka-1:9092,\\',
      '    kafka-2:9092',
      'client.id=\\u0041pp',
      '  linger.ms=5  ',
      '',
    ].join('\n');
    expect(entriesOfProperties(text, 'producer.properties')).toEqual([
      { key: 'acks', value: 'all', source: 'producer.properties line 3' },
      { key: 'retries', value: '10', source: 'producer.properties line 4' },
      { key: 'bootstrap.servers', value: 'kafka-1:9092,kafka-2:9092', source: 'producer.properties line 5' },
      { key: 'client.id', value: 'App', source: 'producer.properties line 7' },
      { key: 'linger.ms', value: '5  ', source: 'producer.properties line 8' },
    ]);
  });

  it('config: --set: the first = splits key from value; no key or no = is not a setting', () => {
    // Expected: `a=b=c` sets a to `b=c`; `=x`, ` =x` and `acks` are refused (null).
    expect(entryOfSet(' acks = all')).toEqual({ key: 'acks', value: ' all', source: '--set' });
    expect(entryOfSet('transactional.id=a=b')?.value).toBe('a=b');
    expect(entryOfSet('=x')).toBeNull();
    expect(entryOfSet(' =x')).toBeNull();
    expect(entryOfSet('acks')).toBeNull();
  });

  it('config: values: numbers follow Java parseInt and parseLong, trimmed, within the range', () => {
    // Expected: whitespace and a leading + are fine; Long.MAX_VALUE parses and becomes LONG_MAX; one more does not.
    expect(parseValue(typeOf('retries'), ' 10 ')).toEqual({ ok: true, value: 10, text: '10' });
    expect(parseValue(typeOf('retries'), '+007')).toEqual({ ok: true, value: 7, text: '7' });
    expect(parseValue(typeOf('retries'), '2147483647')).toMatchObject({ ok: true, value: 2147483647 });
    expect(parseValue(typeOf('retries'), '2147483648')).toEqual({
      ok: false,
      allowed: 'a whole number from 0 to 2147483647',
    });
    expect(parseValue(typeOf('retries'), '1e3').ok).toBe(false);
    expect(parseValue(typeOf('retries'), '0x10').ok).toBe(false);
    expect(parseValue(typeOf('retries'), '').ok).toBe(false);
    expect(parseValue(typeOf('flush.messages'), '9223372036854775807')).toEqual({
      ok: true,
      value: LONG_MAX,
      text: '9223372036854775807',
    });
    expect(parseValue(typeOf('flush.messages'), '9223372036854775808')).toEqual({
      ok: false,
      allowed: 'a whole number from 1 to 9223372036854775807',
    });
    expect(parseValue(typeOf('flush.messages'), '0').ok).toBe(false);
  });

  it('config: values: booleans in any case, acks as spelt, transactional.id not empty', () => {
    // Expected: Kafka's ConfigDef rules: TRUE is true, yes is not; ALL is not an acks value; a blank id is refused.
    expect(parseValue(typeOf('enable.idempotence'), ' TRUE ')).toEqual({
      ok: true,
      value: true,
      text: 'true',
    });
    expect(parseValue(typeOf('enable.idempotence'), 'False')).toEqual({
      ok: true,
      value: false,
      text: 'false',
    });
    expect(parseValue(typeOf('enable.idempotence'), 'yes')).toEqual({ ok: false, allowed: 'true or false' });
    expect(parseValue(typeOf('acks'), '-1')).toEqual({ ok: true, value: '-1', text: '-1' });
    expect(parseValue(typeOf('acks'), 'ALL')).toEqual({ ok: false, allowed: 'one of all, -1, 0, 1' });
    expect(parseValue(typeOf('transactional.id'), ' tx-1 ')).toEqual({
      ok: true,
      value: 'tx-1',
      text: 'tx-1',
    });
    expect(parseValue(typeOf('transactional.id'), '   ')).toEqual({
      ok: false,
      allowed: 'a non-empty string',
    });
  });
});
