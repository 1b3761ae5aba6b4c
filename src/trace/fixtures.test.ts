// Trace files written before the model became protocol-step modules (commit 1d0d80d) still read
// and still reproduce their violation: one from the random explorer, one from the exhaustive one.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reproduceTrace } from '../adapters/reproduce.ts';
import { readTrace } from './file.ts';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('trace files of earlier versions', () => {
  for (const [file, property] of [
    ['v1-idempotent-zombie-expiry.no-duplicate.seed1.trace.json', 'no-duplicate'],
    ['v1-last-isr-power-loss.no-loss.explore.trace.json', 'no-loss'],
  ] as const) {
    it(`fixtures: ${file} replays and reproduces ${property}`, () => {
      const read = readTrace(join(fixtures, file));
      expect(read.ok).toBe(true);
      if (!read.ok || read.model !== 'kafka') throw new Error('not a Kafka trace');
      const replay = reproduceTrace(read.trace);
      expect(replay.kind).toBe('reproduced');
      if (replay.kind === 'reproduced') expect(replay.violation.property).toBe(property);
    });
  }
});
