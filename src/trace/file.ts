/**
 * Reading and writing trace files. Reading reports what is wrong in the file's own terms (JSON
 * syntax, another format, an older version, a field); writing goes through a temporary file and a
 * rename, so a crash never leaves half a trace on disk.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { writeAtomically } from './atomic.ts';
import { CANONICAL_MODEL, type CanonicalTrace, canonicalTraceSchema } from './canonical.ts';
import { TRACE_FORMAT, TRACE_VERSION, type Trace, traceSchema } from './schema.ts';

type Problem = {
  readonly ok: false;
  readonly code: 'TraceUnreadable' | 'TraceSyntax' | 'TraceFormat' | 'TraceVersion' | 'TraceInvalid';
  readonly message: string;
};

export type TraceRead = { readonly ok: true; readonly trace: Trace } | Problem;
export type AnyTraceRead =
  | { readonly ok: true; readonly model: 'kafka'; readonly trace: Trace }
  | { readonly ok: true; readonly model: typeof CANONICAL_MODEL; readonly trace: CanonicalTrace }
  | Problem;

function parseWith<T>(schema: z.ZodType<T>, json: unknown, source: string): { ok: true; trace: T } | Problem {
  const head = json as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== TRACE_FORMAT) {
    return {
      ok: false,
      code: 'TraceFormat',
      message: `${source} is not a deliverycheck trace (expected "format": "${TRACE_FORMAT}")`,
    };
  }
  if (head.version !== TRACE_VERSION) {
    return {
      ok: false,
      code: 'TraceVersion',
      message:
        `${source} is a version ${String(JSON.stringify(head.version)).slice(0, 40)} trace; this deliverycheck reads version ` +
        `${TRACE_VERSION} only. Regenerate it with the same --seed and --path.`,
    };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`);
    return {
      ok: false,
      code: 'TraceInvalid',
      message: `${source} is not a valid trace: ${problems.join('; ')}`,
    };
  }
  return { ok: true, trace: parsed.data };
}

function parseJson(text: string, source: string): { ok: true; json: unknown } | Problem {
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, code: 'TraceSyntax', message: `${source} is not valid JSON: ${why}` };
  }
}

/** A trace of the Kafka model. */
export function parseTrace(text: string, source: string): TraceRead {
  const read = parseJson(text, source);
  return read.ok ? parseWith(traceSchema, read.json, source) : read;
}

/** A trace of either model: the Kafka model's, or the canonical model's (it names its model). */
export function parseAnyTrace(text: string, source: string): AnyTraceRead {
  const read = parseJson(text, source);
  if (!read.ok) return read;
  if ((read.json as { model?: unknown } | null)?.model === CANONICAL_MODEL) {
    const canonical = parseWith(canonicalTraceSchema, read.json, source);
    return canonical.ok ? { ok: true, model: CANONICAL_MODEL, trace: canonical.trace } : canonical;
  }
  const kafka = parseWith(traceSchema, read.json, source);
  return kafka.ok ? { ok: true, model: 'kafka', trace: kafka.trace } : kafka;
}

export function readTrace(path: string): AnyTraceRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    return { ok: false, code: 'TraceUnreadable', message: `cannot read ${path}: ${why}` };
  }
  return parseAnyTrace(text, path);
}

export { writeAtomically };

export function writeTrace(path: string, trace: Trace): void {
  writeAtomically(path, `${JSON.stringify(trace, null, 2)}\n`);
}
