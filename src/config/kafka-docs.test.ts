import { describe, expect, it } from 'vitest';
import { knownKeys } from './catalog.ts';
import { parseConfigDocs, validityOf } from './kafka-docs.ts';
import { kafkaKeys } from './kafka-keys.ts';
import { checkDocumented } from './parse.ts';

/** One key as Kafka's generated page lays it out; the description holds a list of its own. */
const page = `<ul class="config-list">
<li>
<h4><a id="retries"></a><a id="producerconfigs_retries" href="#producerconfigs_retries">retries</a></h4>
<p>How often to retry. <ul><li>one</li><li>two</li></ul></p>
<table><tbody>
<tr><th>Type:</th><td>int</td></tr>
<tr><th>Default:</th><td>2147483647</td></tr>
<tr><th>Valid Values:</th><td>[0,...,2147483647]</td></tr>
<tr><th>Importance:</th><td>high</td></tr>
</tbody></table>
</li>
<li>
<h4><a id="security.protocol"></a><a id="producerconfigs_security.protocol" href="#producerconfigs_security.protocol">security.protocol</a></h4>
<p>Which protocol.</p>
<table><tbody>
<tr><th>Type:</th><td>string</td></tr>
<tr><th>Default:</th><td>PLAINTEXT</td></tr>
<tr><th>Valid Values:</th><td>(case insensitive) [SASL_SSL, PLAINTEXT]</td></tr>
</tbody></table>
</li>
</ul>`;

describe("Kafka's configuration documentation", () => {
  it('parses each key with its type, default and valid values, whatever lists its description holds', () => {
    expect(parseConfigDocs(page, 'producer')).toEqual([
      {
        key: 'retries',
        scope: 'producer',
        type: 'int',
        default: '2147483647',
        valid: { kind: 'range', min: '0', max: '2147483647' },
      },
      {
        key: 'security.protocol',
        scope: 'producer',
        type: 'string',
        default: 'PLAINTEXT',
        valid: { kind: 'oneOf', values: ['SASL_SSL', 'PLAINTEXT'], anyCase: true },
      },
    ]);
    expect(validityOf('[1,...]')).toEqual({ kind: 'range', min: '1', max: null });
    expect(validityOf('non-null string')).toBeUndefined();
    expect(validityOf('[partitionId]:[brokerId],[partitionId]:[brokerId],...')).toBeUndefined();
  });

  it('checks a value as ConfigDef parses and validates it', () => {
    const [retries, protocol] = parseConfigDocs(page, 'producer') as [never, never];
    expect(checkDocumented(retries, '3')).toBeNull();
    // Java's Integer.parseInt takes a sign.
    expect(checkDocumented(retries, '+3')).toBeNull();
    expect(checkDocumented(retries, '-1')).toBe('a whole number from 0 to 2147483647');
    expect(checkDocumented(retries, '2147483648')).toBe('a whole number from 0 to 2147483647');
    expect(checkDocumented(protocol, 'sasl_ssl')).toBeNull();
    expect(checkDocumented(protocol, 'TLS')).toBe('one of sasl_ssl, plaintext (any case)');
    const flag = { key: 'x', scope: 'broker', type: 'boolean', default: 'true' } as const;
    expect(checkDocumented(flag, 'TRUE')).toBeNull();
    expect(checkDocumented(flag, 'yes')).toBe('true or false');
    const big = {
      key: 'y',
      scope: 'topic',
      type: 'long',
      default: '0',
      valid: validityOf('[0,...]')!,
    } as const;
    expect(checkDocumented(big, '9223372036854775807')).toBeNull();
    expect(checkDocumented(big, '9223372036854775808')).toBe('a whole number from 0 to 9223372036854775807');
    const anyInt = { key: 'z', scope: 'broker', type: 'int', default: '1' } as const;
    expect(checkDocumented(anyInt, 'x')).toBe('a whole number from -2147483648 to 2147483647');
    const ratio = {
      key: 'r',
      scope: 'topic',
      type: 'double',
      default: '0.5',
      valid: validityOf('[0,...,1]')!,
    } as const;
    expect([checkDocumented(ratio, '0.25'), checkDocumented(ratio, '1.5')]).toEqual([
      null,
      'a number from 0 to 1',
    ]);
    const policy = {
      key: 'p',
      scope: 'topic',
      type: 'list',
      default: 'delete',
      valid: validityOf('[compact, delete]')!,
    } as const;
    expect(checkDocumented(policy, 'compact, delete')).toBeNull();
    expect(checkDocumented(policy, 'compact,shred')).toBe(
      'a comma-separated list, each one of compact, delete',
    );
  });

  it("the generated catalogue holds every key of Kafka 3.9's producer, consumer, topic and broker pages", () => {
    const count = (scope: string) => kafkaKeys.filter((k) => k.scope === scope).length;
    expect([count('producer'), count('consumer'), count('topic'), count('broker')]).toEqual([
      95, 96, 36, 339,
    ]);
    for (const key of [
      'auto.leader.rebalance.enable',
      'message.max.bytes',
      'broker.rack',
      'log.cleaner.enable',
    ]) {
      expect(knownKeys).toContain(key);
    }
  });
});
