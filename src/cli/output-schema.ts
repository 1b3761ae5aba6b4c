// npm run schema (a development command, not one of the tool's): writes src/report/output.schema.json,
// the JSON Schema of every command's --json output, from the zod schemas in src/report/output-schema.ts.
// The package ships it; a test fails when it is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.ts';
import { outputJsonSchema } from '../report/output-schema.ts';

const out = join(packageRoot, 'src/report/output.schema.json');
writeFileSync(out, `${JSON.stringify(outputJsonSchema(), null, 2)}\n`);
process.stdout.write(`written ${out}\n`);
