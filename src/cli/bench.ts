/** `deliverycheck bench` (what `npm run bench` runs): the model's speed and the explorer's. */
import type { Command } from 'commander';
import {
  CANONICAL_BENCH_RECORDS,
  canonicalFigures,
  durableFigures,
  EXPLORE_REPETITIONS,
  type ExploreFigures,
} from '../bench/explore.ts';
import { BENCH_RUNS, BENCH_SEEDS, firstCounterexamples, stepsPerSecond } from '../bench/measure.ts';
import { spinAnchorPath, spinAvailable } from '../bench/spin.ts';
import { renderTable } from '../report/terminal.ts';
import { out, UsageError } from './output.ts';

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description("measure the model's steps per second and the time to each preset's first counterexample")
    .option('--only <part>', 'run one part: random or explore')
    .action(async (options: { only?: string }) => {
      if (options.only !== undefined && !['random', 'explore'].includes(options.only)) {
        throw new UsageError(`--only takes random or explore; got ${JSON.stringify(options.only)}`);
      }
      if (options.only !== 'explore') randomBench();
      if (options.only !== 'random') await exploreBench();
    });
}

function randomBench(): void {
  out(
    `deliverycheck bench: medians over seeds ${BENCH_SEEDS.join(', ')}; ${BENCH_RUNS} runs budget per search`,
  );
  out('');
  const rate = Math.round(stepsPerSecond()).toLocaleString('en-US');
  out(`model: ${rate} steps/s (random walks of the durable preset, enabled + step)`);
  out('');
  const rows = firstCounterexamples().map((r) => [
    r.label,
    `${r.found}/${BENCH_SEEDS.length}`,
    r.medianMilliseconds === null ? '-' : `${Math.round(r.medianMilliseconds)} ms`,
    r.medianRuns === null ? '-' : String(r.medianRuns),
    r.medianLength === null ? '-' : String(r.medianLength),
    Object.entries(r.firstProperties)
      .map(([p, n]) => `${p}×${n}`)
      .join(' ') || 'none',
  ]);
  out(
    renderTable(
      ['search', 'found', 'median time to first', 'median runs', 'median shrunk length', 'first property'],
      rows,
    ),
  );
}

const perSecond = (n: number) => Math.round(n).toLocaleString('en-US');

async function exploreBench(): Promise<void> {
  out('');
  out(
    `explore: exhaustive BFS, medians of ${EXPLORE_REPETITIONS} runs; SPIN: gcc -O2 -DSAFETY DFS verifier, wall time of the verifier process`,
  );
  const spin = spinAvailable() && spinAnchorPath() !== null;
  if (!spin)
    out(
      'SPIN not measured: install it (apt-get install -y spin) and keep ../shared/anchors/replication.pml beside the checkout',
    );
  const rows: ExploreFigures[] = [];
  for (const records of CANONICAL_BENCH_RECORDS) rows.push(await canonicalFigures(records));
  rows.push(await durableFigures());
  out(
    renderTable(
      [
        'model',
        'states',
        'edges',
        'depth',
        'states/s, 1 thread',
        'states/s, 2 workers',
        'bytes/state',
        'SPIN states/s',
        'ours / SPIN',
      ],
      rows.map((r) => [
        r.label,
        r.states.toLocaleString('en-US'),
        r.edges.toLocaleString('en-US'),
        String(r.depth),
        perSecond(r.statesPerSecond[1]),
        perSecond(r.statesPerSecond[2]),
        r.bytesPerState.toFixed(1),
        r.spin === null ? '-' : perSecond(r.spin.statesPerSecond),
        r.spin === null ? '-' : (r.statesPerSecond[1] / r.spin.statesPerSecond).toFixed(2),
      ]),
    ),
  );
  for (const r of rows) {
    if (r.spin !== null && (r.spin.states !== r.states || r.spin.edges !== r.edges)) {
      out(
        `warning: SPIN counted ${r.spin.states} states and ${r.spin.edges} edges for ${r.label}; we counted ${r.states} and ${r.edges}`,
      );
    }
  }
}
