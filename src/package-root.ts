/**
 * Where the package's own files are, whether this code runs from its sources (src/) or from their
 * build (dist/src/).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directory that holds package.json. */
export const packageRoot = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? '../' : '../../', import.meta.url),
);

/** The command-line entry point, which child processes run. */
export const binPath = join(packageRoot, 'bin', 'deliverycheck.mjs');
