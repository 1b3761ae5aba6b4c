import { describe, expect, it } from 'vitest';
import { ignoredLines } from './ignored.ts';

describe('ignoredLines', () => {
  it('groups the ignored keys by the file or flag they came from, once each', () => {
    expect(
      ignoredLines([
        'broker.rack (server.properties line 2)',
        'log.cleaner.enable (server.properties line 9)',
        "request.timeout.ms (consumer.properties line 4, the consumer's)",
        'foo.bar (--set, unknown to Kafka)',
      ]),
    ).toEqual([
      'ignored: 4 keys the model does not use',
      '  server.properties: broker.rack, log.cleaner.enable',
      "  consumer.properties: request.timeout.ms (the consumer's)",
      '  --set: foo.bar (unknown to Kafka)',
    ]);
    expect(ignoredLines([])).toEqual([]);
  });
});
