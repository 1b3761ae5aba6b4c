/**
 * The trace file of the anchors' canonical model: the same versioned document as the Kafka
 * model's, naming the model, its three parameters and the rules applied, by the anchor's names.
 */
import { z } from 'zod';
import { ruleNames } from '../../model/canonical/index.ts';
import { TRACE_FORMAT, TRACE_VERSION } from './schema.ts';

export const CANONICAL_MODEL = 'canonical-replication';

export const canonicalTraceSchema = z.strictObject({
  format: z.literal(TRACE_FORMAT),
  version: z.literal(TRACE_VERSION),
  tool: z.string(),
  model: z.literal(CANONICAL_MODEL),
  config: z.strictObject({
    records: z.number().int().min(1).max(250),
    acksAll: z.boolean(),
    idempotent: z.boolean(),
  }),
  explorer: z.literal('exhaustive'),
  /** Action indices into the enabled rules, from the initial state. */
  path: z.string(),
  property: z.string(),
  message: z.string(),
  kind: z.enum(['safety', 'end']),
  actions: z.array(z.enum(ruleNames as [string, ...string[]])),
});

export type CanonicalTrace = z.infer<typeof canonicalTraceSchema>;
