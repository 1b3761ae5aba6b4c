#!/usr/bin/env node
// Runs the CLI built to dist/deliverycheck.mjs, one bundled file (npm run build; npm ci and npm pack
// build it). In a checkout whose TypeScript sources are newer than that build, or not built yet, it
// runs the sources through tsx instead, so an edit never runs stale.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const built = `${root}dist/deliverycheck.mjs`;
const buildInfo = `${root}dist/.tsbuildinfo`;

/** Whether a source file under `dir` changed after `since` (milliseconds); tests do not count. */
function changedSince(dir, since) {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    if (statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > since) return true;
  }
  return false;
}

function sourcesAreNewer() {
  // An installed package holds no TypeScript sources (only the JSON Schema beside them).
  if (!existsSync(`${root}src/cli/main.ts`)) return false;
  if (!existsSync(built) || !existsSync(buildInfo)) return true;
  const since = statSync(buildInfo).mtimeMs;
  return ['model', 'properties', 'src'].some((dir) => changedSince(`${root}${dir}`, since));
}

if (sourcesAreNewer()) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
} else {
  await import('../dist/deliverycheck.mjs');
}
