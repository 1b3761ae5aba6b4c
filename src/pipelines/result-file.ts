/**
 * An explore result file: written with its checksum, and read back only when the checksum holds
 * and every field is what explore writes, so `merge` never combines a damaged or foreign shard.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeAtomically } from '../trace/atomic.ts';
import { canonicalTraceSchema } from '../trace/canonical.ts';
import { checkedJson, jsonWithChecksum } from '../trace/checksum.ts';
import { traceSchema } from '../trace/schema.ts';
import { EXPLORE_RESULT_VERSION, type ExploreResult } from './explore.ts';

const count = z.number().int().min(0);
const share = z.number().min(0).max(1);

const counterexampleSchema = z.strictObject({
  property: z.string(),
  message: z.string(),
  kind: z.enum(['safety', 'end']),
  length: count,
  path: z.string(),
  steps: z.array(z.string()),
  traceFile: z.string().nullable(),
  trace: z.union([traceSchema, canonicalTraceSchema]).nullable(),
});

const resultSchema = z
  .strictObject({
    format: z.literal('deliverycheck-explore'),
    version: z.literal(EXPLORE_RESULT_VERSION),
    name: z.string(),
    model: z.enum(['kafka', 'canonical']),
    protocol: z.string().nullable(),
    identity: z.string(),
    verdict: z.enum(['passed', 'violated', 'bounded']),
    bound: z.enum(['max-states', 'memory', 'interrupted']).nullable(),
    states: z.number().int().min(1),
    edges: count,
    depth: count,
    depthBound: count.nullable(),
    depthCut: z.boolean(),
    seconds: z.number().min(0),
    statesPerSecond: z.number().min(0),
    collisionProbability: share,
    bytesPerState: z.number().min(0),
    workers: z.number().int().min(1),
    // At most the 1024 shares --shard takes: merge lists the missing ones, so a count is a size.
    shard: z.strictObject({ index: count, count: z.number().int().min(1).max(1024) }).nullable(),
    symmetry: z.boolean(),
    reduction: z.enum(['none', 'sleep-sets']),
    slept: count,
    properties: z.array(z.string()),
    warnings: z.array(z.string()),
    counterexample: counterexampleSchema.nullable(),
    statesFile: z.string().nullable(),
    checkpoint: z.string().nullable(),
  })
  .superRefine((r, context) => {
    if (r.shard !== null && r.shard.index >= r.shard.count) {
      context.addIssue({
        code: 'custom',
        path: ['shard'],
        message: `index ${r.shard.index} is not below count ${r.shard.count}`,
      });
    }
    if ((r.verdict === 'violated') !== (r.counterexample !== null)) {
      context.addIssue({
        code: 'custom',
        path: ['counterexample'],
        message: `does not agree with verdict ${r.verdict}`,
      });
    }
  });

export class ResultFileError extends Error {}

export function writeResultFile(path: string, result: ExploreResult): void {
  writeAtomically(path, jsonWithChecksum(result));
}

/** The result a file holds, or a ResultFileError naming the file and what is wrong with it. */
export function readResultFile(file: string): ExploreResult {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : error instanceof SyntaxError
          ? `not JSON (${error.message})`
          : (code ?? String(error));
    throw new ResultFileError(`cannot read ${file}: ${why}`);
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== 'deliverycheck-explore') {
    throw new ResultFileError(
      `${file} is not an explore result file (expected "format": "deliverycheck-explore")`,
    );
  }
  if (head.version !== EXPLORE_RESULT_VERSION) {
    throw new ResultFileError(
      `${file} is a version ${String(JSON.stringify(head.version)).slice(0, 40)} result; this deliverycheck reads version ${EXPLORE_RESULT_VERSION}, whose state fingerprints differ: run explore again for every shard`,
    );
  }
  const checked = checkedJson(json);
  if (!checked.ok) throw new ResultFileError(`${file} is refused: ${checked.problem}`);
  const parsed = resultSchema.safeParse(checked.content);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ResultFileError(
      `${file} is not a whole explore result: ${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`,
    );
  }
  return checked.content as unknown as ExploreResult;
}
