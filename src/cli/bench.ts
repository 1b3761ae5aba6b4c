/** `deliverycheck bench` (what `npm run bench` runs): the model's speed and the explorer's. */
import type { Command } from 'commander';
import {
  CANONICAL_BENCH_RECORDS,
  canonicalFigures,
  DURABLE_DEEP_DEPTH,
  durableDeepFigures,
  durableFigures,
  type EncodingFigures,
  EXPLORE_REPETITIONS,
  type ExploreFigures,
  transactionalFigures,
} from '../bench/explore.ts';
import {
  BENCH_RUNS,
  BENCH_SEEDS,
  type FirstCounterexample,
  firstCounterexamples,
  stepsPerSecond,
} from '../bench/measure.ts';
import { REACH_DEPTH, REACH_EXPLORE_STATES, REACH_SEEDS, reachFigures } from '../bench/reach.ts';
import { spinAnchorPath, spinAvailable } from '../bench/spin.ts';
import { quoted } from '../config/error.ts';
import { renderTable } from '../report/terminal.ts';
import { out, UsageError } from './output.ts';

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description("measure the model's steps per second and the time to each preset's first counterexample")
    .option(
      '--only <part>',
      "run one part: random, explore, kafka (explore's durable and transactional-producer rows only), or reach (whether check finds, over 20 seeds, every violation explore finds within depth 15; not in the default run, about twelve minutes)",
    )
    .action(async (options: { only?: string }) => {
      const { only } = options;
      if (only !== undefined && !['random', 'explore', 'kafka', 'reach'].includes(only)) {
        throw new UsageError(`--only takes random, explore, kafka or reach; got ${quoted(only)}`);
      }
      if (only === 'reach') return reachBench();
      if (only === undefined || only === 'random') await randomBench();
      if (only !== 'random') await exploreBench(only !== 'kafka');
    });
}

/** check's length over explore's shortest: median / worst, '?' when explore ran out of states. */
function ratioCell(r: FirstCounterexample): string {
  if (r.found === 0) return '-';
  if (r.medianRatio === null || r.worstRatio === null) return '? (explore ran out)';
  return `${r.medianRatio.toFixed(2)} / ${r.worstRatio.toFixed(2)}`;
}

async function randomBench(): Promise<void> {
  out(
    `deliverycheck bench: medians over seeds ${BENCH_SEEDS.join(', ')}; ${BENCH_RUNS} runs budget per search`,
  );
  out('');
  const rate = Math.round(stepsPerSecond()).toLocaleString('en-US');
  out(`model: ${rate} steps/s (random walks of the durable preset, enabled + step)`);
  out('');
  const ms = (value: number | null) => (value === null ? '-' : `${Math.round(value)} ms`);
  const figure = (value: number | null) => (value === null ? '-' : String(value));
  const rows = (await firstCounterexamples()).map((r) => [
    r.label,
    `${r.found}/${BENCH_SEEDS.length}`,
    ms(r.medianMilliseconds),
    String(r.medianRuns ?? '-'),
    figure(r.medianLength),
    figure(r.medianCheckLength),
    ms(r.medianShortenMilliseconds),
    ratioCell(r),
    Object.entries(r.firstProperties)
      .map(([p, n]) => `${p}×${n}`)
      .join(' ') || 'none',
  ]);
  out(
    renderTable(
      [
        'search',
        'found',
        'time to first',
        'runs',
        'fast-check length',
        'check length',
        'shortening',
        'check / explore shortest (median / worst)',
        'first property',
      ],
      rows,
    ),
  );
}

const perSecond = (n: number) => Math.round(n).toLocaleString('en-US');

async function exploreBench(canonical: boolean): Promise<void> {
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
  if (canonical) for (const records of CANONICAL_BENCH_RECORDS) rows.push(await canonicalFigures(records));
  const bytes = await durableFigures('bytes');
  const json = await durableFigures('json');
  rows.push(bytes, json, await transactionalFigures());
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
  encodingComparison(bytes, json);
  out('');
  out(
    `explore --preset durable --depth ${DURABLE_DEEP_DEPTH}, every property judged, 1 thread, one run each, wall time:`,
  );
  const deep = (['none', 'sleep-sets'] as const).map(durableDeepFigures);
  for (const d of deep) {
    out(
      `  --reduction ${d.reduction}: ${d.verdict}, ${d.states.toLocaleString('en-US')} states, ${d.edges.toLocaleString('en-US')} steps taken${d.slept > 0 ? ` (${d.slept.toLocaleString('en-US')} asleep)` : ''} in ${d.seconds.toFixed(1)} s`,
    );
  }
  const [full, reduced] = deep;
  if (full!.verdict !== reduced!.verdict || full!.states !== reduced!.states) {
    out(
      `warning: sleep sets gave ${reduced!.verdict} in ${reduced!.states} states; the full search ${full!.verdict} in ${full!.states}`,
    );
  }
}

/** The byte encoding against the JSON reference, measured in this run. */
function encodingComparison(bytes: EncodingFigures, json: EncodingFigures): void {
  const ratio = (workers: 1 | 2) =>
    (bytes.statesPerSecond[workers] / json.statesPerSecond[workers]).toFixed(2);
  out('');
  out(
    renderTable(
      [
        'durable state encoding',
        'states/s, 1 thread',
        'states/s, 2 workers',
        'encoded bytes/state',
        'visited-set bytes/state',
      ],
      [bytes, json].map((r) => [
        r.encoding,
        perSecond(r.statesPerSecond[1]),
        perSecond(r.statesPerSecond[2]),
        r.encodedBytesPerState.toFixed(1),
        r.bytesPerState.toFixed(1),
      ]),
    ),
  );
  out(`bytes / json: ${ratio(1)}x on 1 thread, ${ratio(2)}x on 2 workers`);
  if (bytes.states !== json.states || bytes.edges !== json.edges) {
    out(
      `warning: the bytes encoding counted ${bytes.states} states and ${bytes.edges} edges, JSON ${json.states} and ${json.edges}`,
    );
  }
}

async function reachBench(): Promise<void> {
  out(
    `reach: per preset, every property explore breaks within depth ${REACH_DEPTH} (at most ${REACH_EXPLORE_STATES.toLocaleString('en-US')} states a search), then check at its default budget, judging every property, on seeds ${REACH_SEEDS[0]}-${REACH_SEEDS.at(-1)}`,
  );
  const rows = (await reachFigures()).map((r) => [
    r.preset,
    r.violated.map((v) => `${v.property} (${v.length})`).join(', ') || 'none',
    r.rest === 'passed' ? 'passed' : 'out of states',
    r.violated.map((v) => `${r.found[v.property]}/${REACH_SEEDS.length}`).join(', ') || '-',
    r.medianRuns === null ? '-' : `${r.medianRuns} / ${r.worstRuns}`,
  ]);
  out(
    renderTable(
      [
        'preset',
        'explore breaks (shortest)',
        'rest of the space',
        'check breaks it (seeds)',
        'runs to break them all (median / worst)',
      ],
      rows,
    ),
  );
}
