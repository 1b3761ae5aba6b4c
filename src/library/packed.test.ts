// The package as a user gets it: `npm pack`, installed into an empty folder, where the CLI runs
// and the README's vitest example passes. The install takes the dependencies from npm's cache
// (filled by `npm ci`), reaching the registry only for what is missing.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../package-root.ts';

function run(command: string, args: readonly string[], cwd: string) {
  const done = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: done.status, stdout: done.stdout, stderr: done.stderr };
}

/** The README's library example: the TypeScript block after its marker comment. */
function readmeExample(): string {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  const marker = readme.indexOf('<!-- the library example');
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(marker));
  if (marker < 0 || block === null) throw new Error('the README has no library example');
  return block[1]!;
}

describe('the packed package', () => {
  it('installs into an empty folder, where the CLI runs and the README vitest example passes', () => {
    const packs = mkdtempSync(join(tmpdir(), 'deliverycheck-pack-'));
    // The test run has built dist/ already (globalSetup), so pack skips its prepare script.
    const pack = run('npm', ['pack', '--ignore-scripts', '--pack-destination', packs], packageRoot);
    expect(pack.code, pack.stderr).toBe(0);
    const tarball = join(packs, readdirSync(packs).find((f) => f.endsWith('.tgz'))!);

    const app = mkdtempSync(join(tmpdir(), 'deliverycheck-app-'));
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    const ours = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
    const vitest = `vitest@${ours.devDependencies.vitest}`;
    const install = run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, vitest],
      app,
    );
    expect(install.code, install.stderr).toBe(0);

    const cli = run(
      process.execPath,
      [join(app, 'node_modules/.bin/deliverycheck'), 'check', '--preset', 'durable', '--runs', '200'],
      app,
    );
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('nothing found in 200 runs');
    const broken = run(
      process.execPath,
      [
        join(app, 'node_modules/.bin/deliverycheck'),
        'check',
        '--preset',
        'acks0-lossy',
        '--runs',
        '50',
        '--out',
        app,
      ],
      app,
    );
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('Counterexample: no-loss');

    writeFileSync(join(app, 'kafka.test.ts'), readmeExample());
    // The example's own producer.properties, as a user's would be.
    writeFileSync(
      join(app, 'producer.properties'),
      'bootstrap.servers=kafka-1:9092\nacks=all\nenable.idempotence=true\nclient.id=orders\n',
    );
    const tests = run(process.execPath, [join(app, 'node_modules/vitest/vitest.mjs'), 'run'], app);
    expect(tests.code, tests.stdout + tests.stderr).toBe(0);
    expect(tests.stdout).toMatch(/Tests\s+3 passed/);
  }, 180_000);
});
