/**
 * Which model to check, as plain data: the CLI builds it, worker threads and checkpoints carry it,
 * and `modelOf` turns it back into the model. Equal specs give the same model.
 */
import type { CanonicalConfig } from '../../model/canonical/index.ts';
import type { ModelConfig } from '../../model/index.ts';
import type { PropertyName } from '../../properties/property.ts';
import type { Model } from '../engines/contract.ts';
import { type CanonicalInvariant, canonicalModel } from './canonical.ts';
import { kafkaModel } from './kafka.ts';

export type ModelSpec =
  | { readonly kind: 'kafka'; readonly config: ModelConfig; readonly judged: readonly PropertyName[] }
  | {
      readonly kind: 'canonical';
      readonly config: CanonicalConfig;
      readonly judged: readonly CanonicalInvariant[];
    };

export function modelOf(spec: ModelSpec): Model<unknown, unknown> {
  const model =
    spec.kind === 'kafka' ? kafkaModel(spec.config, spec.judged) : canonicalModel(spec.config, spec.judged);
  return model as unknown as Model<unknown, unknown>;
}
