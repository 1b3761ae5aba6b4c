import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { configWith, noFaults } from '../../model/testing.ts';
import { kafkaModel } from '../adapters/kafka.ts';
import { reproduceTrace } from '../adapters/reproduce.ts';
import { resolveConfig } from '../config/resolve.ts';
import { randomSearch } from '../engines/random/random.ts';
import { traceOf } from '../pipelines/check.ts';
import { TOOL_VERSION } from '../version.ts';
import { parseTrace } from './file.ts';

describe('trace files', () => {
  test.prop([fc.integer({ min: -1_000_000, max: 1_000_000 })], { numRuns: 6 })(
    'trace: round trip: every counterexample survives JSON and replays to the same violation (acks=1, crash=1, power loss)',
    (seed) => {
      // Expected: parse(stringify(trace)) equals the trace, and replaying it reproduces the recorded property.
      const config = configWith({
        acks: '1',
        enableIdempotence: false,
        faults: { ...noFaults, crash: 1, powerLoss: 1 },
      });
      const resolved = { ...resolveConfig([], {}), config };
      const search = randomSearch(kafkaModel(config), { seed, runs: 300 });
      for (const c of search.counterexamples) {
        const trace = traceOf({ resolved, preset: null }, c);
        const read = parseTrace(JSON.stringify(trace), 'memory');
        expect(read.ok).toBe(true);
        if (!read.ok) continue;
        expect(read.trace).toEqual(trace);
        const replayed = reproduceTrace(read.trace);
        expect(replayed.kind).toBe('reproduced');
      }
    },
  );

  it('trace: the tool version matches package.json', () => {
    // Expected: traces name the version that wrote them; it must be the package's.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(TOOL_VERSION).toBe(pkg.version);
  });
});
