/**
 * vitest's global setup: builds dist/ (npm run build) before any test runs, so the CLI tests run
 * the binary on the code under test, as a user's install would, and not through tsx.
 */
import { spawnSync } from 'node:child_process';
import { packageRoot } from '../package-root.ts';

export default function setup(): void {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: packageRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
}
