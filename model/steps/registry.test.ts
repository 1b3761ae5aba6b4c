import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allSteps } from './registry.ts';

const here = import.meta.dirname;
const actorFolders = [
  'application',
  'producer',
  'broker',
  'coordinator',
  'controller',
  'consumer',
  'network',
];

/** Every exported value of the steps folder that looks like a step module, with its file. */
async function moduleFiles(): Promise<{ file: string; type: string; value: unknown }[]> {
  const found: { file: string; type: string; value: unknown }[] = [];
  for (const folder of actorFolders) {
    for (const name of readdirSync(join(here, folder))) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      const exports = (await import(join(here, folder, name))) as Record<string, unknown>;
      for (const value of Object.values(exports)) {
        const v = value as { type?: unknown; guard?: unknown; effect?: unknown };
        if (
          typeof v === 'object' &&
          v !== null &&
          typeof v.guard === 'function' &&
          typeof v.effect === 'function'
        ) {
          found.push({ file: `${folder}/${name}`, type: String(v.type), value });
        }
      }
    }
  }
  return found;
}

describe('step registry', () => {
  it('registry: every step module in model/steps is registered, and nothing else is', async () => {
    const files = await moduleFiles();
    const unregistered = files.filter((f) => !allSteps.includes(f.value as never)).map((f) => f.file);
    expect(unregistered).toEqual([]);
    expect(files.map((f) => f.type).sort()).toEqual(allSteps.map((m) => m.type).sort());
  });

  it('registry: each step lives in its actor folder, in a file named after its Kafka request', async () => {
    const files = await moduleFiles();
    for (const f of files) {
      const module = f.value as { actor: string; type: string };
      const kebab = module.type.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
      expect(f.file).toBe(`${module.actor}/${kebab}.ts`);
    }
  });

  it('registry: step types are unique', () => {
    const types = allSteps.map((m) => m.type);
    expect(new Set(types).size).toBe(types.length);
  });
});
