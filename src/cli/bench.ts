/** `deliverycheck bench` (what `npm run bench` runs): the model's speed and the explorer's. */
import type { Command } from 'commander';
import { BENCH_RUNS, BENCH_SEEDS, firstCounterexamples, stepsPerSecond } from '../bench/measure.ts';
import { renderTable } from '../report/terminal.ts';
import { out } from './output.ts';

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description("measure the model's steps per second and the time to each preset's first counterexample")
    .action(() => {
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
          [
            'search',
            'found',
            'median time to first',
            'median runs',
            'median shrunk length',
            'first property',
          ],
          rows,
        ),
      );
    });
}
