// npm run schema (a development command, not one of the tool's): writes src/report/output.schema.json,
// the JSON Schema of every command's --json output, from the zod schemas in src/report/output-schema.ts,
// and src/trace/trace.schema.json, a trace file's, from the zod schemas its reader uses. The package
// ships both; tests fail when either is out of date.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.ts';
import { outputJsonSchema } from '../report/output-schema.ts';
import { traceJsonSchema } from '../trace/json-schema.ts';

for (const [file, schema] of [
  ['src/report/output.schema.json', outputJsonSchema()],
  ['src/trace/trace.schema.json', traceJsonSchema()],
] as const) {
  const out = join(packageRoot, file);
  writeFileSync(out, `${JSON.stringify(schema, null, 2)}\n`);
  // Formatted as the linter wants it, so a regenerated file differs only where the schema does.
  spawnSync(join(packageRoot, 'node_modules/.bin/biome'), ['format', '--write', out], { stdio: 'ignore' });
  process.stdout.write(`written ${out}\n`);
}
