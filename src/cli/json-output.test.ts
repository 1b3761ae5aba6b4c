// Every command's --json output, through the real binary, validated against the JSON Schema the
// package ships (src/report/output.schema.json), which must match the zod schemas it comes from.
// A counterexample has the same shape from check, explore, merge, replay, matrix and the library.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { check } from '../library/index.ts';
import { outputJsonSchema } from '../report/output-schema.ts';
import { cli, scratch } from './testing.ts';

const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '../report/output.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(shipped, 'output');

/** Validates `value` against the shipped definition `name`; returns the value for further checks. */
function valid(name: string, value: unknown) {
  const validate = ajv.getSchema(`output#/$defs/${name}`)!;
  expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  return value as Record<string, unknown> & { counterexample?: { steps: unknown[] } };
}

function json(name: string, ...args: string[]) {
  const run = cli([name, ...args, '--json']);
  expect(run.code, run.stderr).toBeLessThan(2);
  return valid(name, JSON.parse(run.stdout));
}

describe('--json outputs', () => {
  it('the shipped JSON Schema is the one the zod schemas give (npm run schema regenerates it)', () => {
    expect(shipped).toEqual(outputJsonSchema());
  });

  it('check, explore, merge, replay, presets and matrix all print what the schema says, one counterexample shape among them', () => {
    const out = scratch();
    const checked = json('check', '--preset', 'acks1-leader-failover', '--runs', '200', '--out', out);
    const fromCheck = (checked.counterexamples as { steps: { request: string }[]; traceFile: string }[])[0]!;
    json('check', '--preset', 'durable', '--runs', '50', '--out', out);
    const explored = json(
      'explore',
      '--preset',
      'acks1-leader-failover',
      '--properties',
      'no-loss',
      '--out',
      out,
    );
    expect(explored.counterexample!.steps).toHaveLength(6);
    json('explore', '--preset', 'durable', '--depth', '4', '--out', out);
    const canonical = json(
      'explore',
      '--preset',
      'canonical-replication',
      '--set',
      'acks=1',
      '--records',
      '2',
      '--out',
      out,
    );
    expect(canonical.counterexample).toBeDefined();

    const shards = scratch();
    const sharded = ['--preset', 'acks1-leader-failover', '--properties', 'no-loss', '--out', shards];
    json('explore', ...sharded, '--shard', '1/2');
    json('explore', ...sharded, '--shard', '2/2');
    const files = readdirSync(shards)
      .filter((f) => f.endsWith('.explore.json'))
      .map((f) => join(shards, f));
    expect(json('merge', ...files).counterexample!.steps).toHaveLength(6);

    const replayed = json('replay', fromCheck.traceFile);
    expect(replayed.counterexample!.steps).toEqual(fromCheck.steps);
    json('replay', (canonical.counterexample as unknown as { traceFile: string }).traceFile);
    json('presets');
    json('matrix', '--group', 'producer', '--runs', '20', '--out', out);
  });

  it("the library's counterexamples have the same shape", () => {
    const report = check({ preset: 'acks0-lossy' }, { runs: 50 });
    expect(report.counterexamples.length).toBeGreaterThan(0);
    for (const c of report.counterexamples) valid('counterexample', c);
    // The schema holds them to it: a step without its request, or a counterexample without its story, fails.
    const validate = ajv.getSchema('output#/$defs/counterexample')!;
    const [first] = report.counterexamples;
    const { request: _request, ...stepWithout } = first!.steps[0]!;
    expect(validate({ ...first, steps: [stepWithout, ...first!.steps.slice(1)] })).toBe(false);
    const { story: _story, ...withoutStory } = first!;
    expect(validate(withoutStory)).toBe(false);
  });
});
