// The trace file's JSON Schema, shipped for other tools: current with the zod schemas the reader
// uses, and it accepts what the tool writes and refuses what the reader refuses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { cli, scratch } from '../cli/testing.ts';
import { traceJsonSchema } from './json-schema.ts';

const shipped = JSON.parse(readFileSync(join(import.meta.dirname, 'trace.schema.json'), 'utf8'));
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(shipped);
const fixtures = join(import.meta.dirname, 'fixtures');

describe('trace.schema.json', () => {
  it("is the one the reader's zod schemas give (npm run schema regenerates it)", () => {
    expect(shipped).toEqual(traceJsonSchema());
  });

  it('accepts the Kafka and canonical traces the tool wrote, and refuses a foreign or damaged one', () => {
    const out = scratch();
    const canonical = ['explore', '--preset', 'canonical-replication', '--set', 'acks=1', '--records', '2'];
    expect(cli([...canonical, '--out', out]).code).toBe(1);
    const traces = [
      ...readdirSync(fixtures).map((f) => join(fixtures, f)),
      ...readdirSync(out).map((f) => join(out, f)),
    ].filter((f) => f.endsWith('.trace.json'));
    expect(traces.length).toBe(3);
    for (const file of traces) {
      const trace = JSON.parse(readFileSync(file, 'utf8'));
      expect(validate(trace), `${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      expect(validate({ ...trace, format: 'something-else' })).toBe(false);
      expect(validate({ ...trace, actions: 'none' })).toBe(false);
      const { property: _property, ...withoutProperty } = trace;
      expect(validate(withoutProperty)).toBe(false);
    }
  });
});
