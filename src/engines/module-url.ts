/**
 * Module addresses that hold whether the tool runs from its TypeScript sources (under tsx or
 * vitest) or from its build in dist/ (npm run build), where every module is the same name in .js.
 */

/** The module `name` (no extension) in the directory of the module at `url`, source or build as that one is. */
export function besideModule(name: string, url: string): string {
  return new URL(`${name}${url.endsWith('.ts') ? '.ts' : '.js'}`, url).href;
}

/**
 * The file a worker thread loads to run module `name` (beside `url`): the built module itself, or
 * from sources the `.mjs` entry beside it, which registers tsx in the thread first.
 */
export function workerFile(name: string, url: string): string {
  return url.endsWith('.ts') ? new URL(`${name}-entry.mjs`, url).href : besideModule(name, url);
}
