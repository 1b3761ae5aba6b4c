/**
 * Building a model from its factory data: import the module (once) and call its `createModel`
 * with the configuration, once per factory.
 */
import type { Model, ModelFactory } from './contract.ts';

const models = new Map<string, Promise<Model<unknown, unknown>>>();

async function build(factory: ModelFactory): Promise<Model<unknown, unknown>> {
  const module = (await import(factory.module)) as { createModel?: (config: unknown) => unknown };
  if (typeof module.createModel !== 'function') {
    throw new Error(`${factory.module} exports no createModel(config)`);
  }
  return module.createModel(factory.config) as Model<unknown, unknown>;
}

/** The model a factory builds; equal factories (as JSON) share one model. */
export function loadModel(factory: ModelFactory): Promise<Model<unknown, unknown>> {
  const key = JSON.stringify(factory);
  let model = models.get(key);
  if (model === undefined) {
    model = build(factory);
    models.set(key, model);
  }
  return model;
}
