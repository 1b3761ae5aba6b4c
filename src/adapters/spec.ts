/**
 * Which model to check, as plain data: the CLI builds it, checkpoints' identities name it,
 * `factoryOf` turns it into the factory data worker threads build the model from, and `modelOf`
 * into the model itself. Equal specs give the same model.
 */
import type { CanonicalConfig } from '../../model/canonical/index.ts';
import type { ModelConfig } from '../../model/index.ts';
import type { PropertyName } from '../../properties/property.ts';
import type { Model, ModelFactory } from '../engines/contract.ts';
import { besideModule } from '../engines/module-url.ts';
import { type CanonicalInvariant, createModel as canonical } from './canonical.ts';
import { createModel as kafka } from './kafka.ts';
import type { KafkaEncoding } from './kafka-encoding.ts';

export type ModelSpec =
  | {
      readonly kind: 'kafka';
      readonly config: ModelConfig;
      readonly judged: readonly PropertyName[];
      /** The state encoding BFS fingerprints (bytes when absent); the bench also runs the JSON reference. */
      readonly encoding?: KafkaEncoding;
    }
  | {
      readonly kind: 'canonical';
      readonly config: CanonicalConfig;
      readonly judged: readonly CanonicalInvariant[];
    };

/** The adapter module that exports `createModel` for each kind of spec. */
const modules: Record<ModelSpec['kind'], string> = {
  kafka: besideModule('kafka', import.meta.url),
  canonical: besideModule('canonical', import.meta.url),
};

/** What the spec's `createModel` is called with; a Kafka spec's encoding only when it names one. */
function factoryConfig(spec: ModelSpec) {
  const base = { config: spec.config, judged: spec.judged };
  return spec.kind === 'kafka' && spec.encoding !== undefined ? { ...base, encoding: spec.encoding } : base;
}

export function factoryOf(spec: ModelSpec): ModelFactory {
  return { module: modules[spec.kind], config: factoryConfig(spec) };
}

/** The model on this thread, built by the same `createModel` a worker calls with `factoryOf(spec)`. */
export function modelOf(spec: ModelSpec): Model<unknown, unknown> {
  const model =
    spec.kind === 'kafka'
      ? kafka({
          config: spec.config,
          judged: spec.judged,
          ...(spec.encoding === undefined ? {} : { encoding: spec.encoding }),
        })
      : canonical({ config: spec.config, judged: spec.judged });
  return model as unknown as Model<unknown, unknown>;
}
