// npm run mutation (a development command, not one of the tool's): StrykerJS over model/ and properties/, one shard of files at a time, then the
// score over all of them; exit 1 below 90 %. Every mutant makes the code it sits in slower for all
// the tests, so a shard that mutates a seventh of the files runs its tests several times faster
// than one run that mutates them all, start-up of seven runs included.
// `npm run mutation -- 3` runs shard 3 alone (and judges only it); the reports go to reports/mutation/.
// `npm run mutation -- score` runs nothing and judges the reports of all shards already there, as the
// nightly workflow does after running the shards as parallel jobs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const SHARDS: readonly (readonly string[])[] = [
  ['properties/**/*.ts'],
  ['model/encoding/**/*.ts', 'model/canonical/**/*.ts'],
  ['model/*.ts'],
  ['model/steps/producer/**/*.ts', 'model/steps/network/**/*.ts', 'model/steps/controller/**/*.ts'],
  ['model/steps/*.ts', 'model/steps/application/**/*.ts', 'model/steps/coordinator/**/*.ts'],
  ['model/steps/consumer/**/*.ts', 'model/steps/broker/**/*.ts'],
  [
    'model/producer/**/*.ts',
    'model/broker/**/*.ts',
    'model/replication/**/*.ts',
    'model/controller/**/*.ts',
    'model/first-sequence/**/*.ts',
    'model/group/**/*.ts',
    'model/transactions/**/*.ts',
  ],
];
// Test support, as model/testing.ts is: footprint-measure.ts measures steps for the footprint test
// (src/adapters/kafka-footprint.test.ts), and no search runs it.
const NOT_MUTATED = ['!**/*.test.ts', '!model/testing.ts', '!model/footprint-measure.ts'];
const BREAK = 90;

/** What this script reads of a mutant in Stryker's JSON report. */
interface Mutant {
  readonly status: string;
  readonly mutatorName: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

/** The mutants of a shard's Stryker JSON report by file; exit 2 naming the file if it is not one. */
function readReport(path: string): Record<string, { mutants: Mutant[] }> {
  try {
    const files = JSON.parse(readFileSync(path, 'utf8')).files;
    if (typeof files === 'object' && files !== null && Object.values(files).every(hasMutants)) return files;
    throw new Error('its files do not each list their mutants');
  } catch (error) {
    const reason = (error as Error).message.replace(/\s+/g, ' ');
    console.error(`mutation: ${path} is not a Stryker JSON report: ${reason}`);
    process.exit(2);
  }
}

function hasMutants(file: unknown): boolean {
  return typeof file === 'object' && file !== null && Array.isArray((file as { mutants?: unknown }).mutants);
}

const wanted = process.argv[2];
const scoreOnly = wanted === 'score';
const all = SHARDS.map((_, i) => i + 1);
const shards = wanted === undefined || scoreOnly ? all : [Number(wanted)];
if (shards.some((k) => !Number.isInteger(k) || k < 1 || k > SHARDS.length)) {
  console.error(`mutation: the shard must be a number from 1 to ${SHARDS.length}, or score; not ${wanted}`);
  process.exit(2);
}
const reportOf = (k: number): string => `reports/mutation/shard-${k}.json`;
if (scoreOnly) {
  const missing = shards.filter((k) => !existsSync(reportOf(k)));
  if (missing.length > 0) {
    console.error(`mutation: no report for shard ${missing.join(', ')} in reports/mutation/: run them first`);
    process.exit(2);
  }
}

const counts: Record<string, number> = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0 };
let files = 0;
const survivors: string[] = [];
for (const k of shards) {
  if (!scoreOnly) {
    const mutate = [...SHARDS[k - 1]!, ...NOT_MUTATED].join(',');
    console.log(`mutation: shard ${k} of ${SHARDS.length}: ${SHARDS[k - 1]!.join(' ')}`);
    const run = spawnSync('npx', ['stryker', 'run'], {
      stdio: 'inherit',
      // Stryker loads the in-process test runner (src/mutation/runner.ts) and the test files as TypeScript.
      env: {
        ...process.env,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import tsx`.trim(),
        MUTATION_SHARD: String(k),
        MUTATION_MUTATE: mutate,
      },
    });
    if (run.status !== 0) {
      console.error(`mutation: shard ${k} failed to run (exit ${run.status})`);
      process.exit(3);
    }
  }
  const shardFiles = readReport(reportOf(k));
  for (const [file, { mutants }] of Object.entries(shardFiles)) {
    files++;
    for (const m of mutants) {
      if (m.status in counts) counts[m.status]!++;
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        survivors.push(
          `${file}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName}`,
        );
      }
    }
  }
}

const detected = counts.Killed! + counts.Timeout!;
const judged = detected + counts.Survived! + counts.NoCoverage!;
const score = judged === 0 ? 100 : (100 * detected) / judged;
const summary = { shards, files, counts, score, survivors };
writeFileSync('reports/mutation/summary.json', `${JSON.stringify(summary, null, 1)}\n`);
console.log(
  `mutation: ${score.toFixed(2)} % of ${judged} mutants in ${files} files killed (${counts.Killed} killed, ` +
    `${counts.Timeout} timed out, ${counts.Survived} survived, ${counts.NoCoverage} not covered, ` +
    `${counts.Ignored} static ones ignored); survivors in reports/mutation/summary.json`,
);
process.exit(score >= BREAK ? 0 : 1);
