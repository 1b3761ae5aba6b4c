// The command line as one file (npm run build, after tsc): dist/deliverycheck.mjs holds the built
// dist/src/cli/main.js and everything it imports, its dependencies included, so a start loads one
// module instead of some three hundred. Each bundled module keeps its own import.meta.url (its
// place in dist/), which the worker threads and the model adapters resolve their modules beside.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { packageRoot } from '../package-root.ts';

/** Replaces import.meta.url in each built module with that module's own address. */
const ownUrl: Plugin = {
  name: 'own-import-meta-url',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async ({ path }) => {
      const text = await readFile(path, 'utf8');
      return {
        contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
        loader: 'js',
      };
    });
  },
};

// The CommonJS dependencies bundled into an ES module still ask for require, __filename and __dirname.
const commonJsGlobals = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  'const require = __createRequire(import.meta.url);',
  'const __filename = __fileURLToPath(import.meta.url);',
  "const __dirname = __fileURLToPath(new URL('.', import.meta.url));",
].join(' ');

await build({
  entryPoints: [join(packageRoot, 'dist/src/cli/main.js')],
  outfile: join(packageRoot, 'dist/deliverycheck.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [ownUrl],
  banner: { js: commonJsGlobals },
  logLevel: 'warning',
});
