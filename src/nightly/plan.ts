/**
 * The nightly exhaustive search: for every Kafka preset, and for the anchors' canonical model in
 * its three configurations, the depth explore searches to and the verdict the semantics matrix
 * (SEMANTICS.md §4, the verdict tests, shared/anchors/README.md) expects for each judged property.
 * The table is the oracle; the verdicts themselves always come from running explore.
 */
import { posix } from 'node:path';

export type PropertyVerdict = 'violated' | 'passed';

/** `ci` searches each entry to its full depth; `local` keeps `npm run nightly` short on a laptop. */
export type DepthScale = 'local' | 'ci';

export const depthScales: readonly DepthScale[] = ['local', 'ci'];

export const DEFAULT_DEPTH_SCALE: DepthScale = 'local';

/** How much shallower the local scale searches the holding entries. */
const LOCAL_DEPTH_CUT = 2;

export interface NightlyEntry {
  /** Unique in the plan: the preset's name, or the preset's plus what its flags choose. */
  readonly name: string;
  readonly preset: string;
  /**
   * The properties explore judges, each with the oracle's verdict. Only those the oracle rules
   * on are judged, so the first property explore finds violated is always one it speaks about.
   */
  readonly oracle: Readonly<Record<string, PropertyVerdict>>;
  /** The depth the CI scale searches to: at least the shortest counterexample's length; null for no bound. */
  readonly depth: number | null;
  /** Further explore flags that select the configuration, such as `--set acks=1`. */
  readonly flags: readonly string[];
}

/** What the merged search of an entry must give. */
export interface Expectation {
  readonly verdict: PropertyVerdict;
  /** The properties whose violation may stop the search first; empty when the verdict is passed. */
  readonly firstViolated: readonly string[];
}

function kafka(name: string, depth: number, oracle: Record<string, PropertyVerdict>): NightlyEntry {
  return { name, preset: name, oracle, depth, flags: [] };
}

/** The anchors' canonical model, searched without a depth bound as SPIN and Rumur search it. */
function canonical(
  name: string,
  flags: readonly string[],
  oracle: Record<string, PropertyVerdict>,
): NightlyEntry {
  const preset = 'canonical-replication';
  return { name: `${preset}-${name}`, preset, oracle, depth: null, flags: [...flags, '--records', '8'] };
}

/** What exactly once promises end to end. */
const exactlyOnceHolds: Record<string, PropertyVerdict> = {
  'no-loss': 'passed',
  'no-duplicate': 'passed',
  progress: 'passed',
};

/** Every property the Kafka model judges, for the preset whose oracle says all of them hold. */
const everyPropertyHolds: Record<string, PropertyVerdict> = {
  'no-loss': 'passed',
  'no-duplicate': 'passed',
  order: 'passed',
  'replica-consistency': 'passed',
  progress: 'passed',
};

export const nightlyPlan: readonly NightlyEntry[] = [
  kafka('acks0-lossy', 3, { 'no-loss': 'violated', 'no-duplicate': 'passed' }),
  kafka('acks1-leader-failover', 6, { 'no-loss': 'violated' }),
  kafka('acksall-retry-duplicates', 10, { 'no-loss': 'passed', 'no-duplicate': 'violated' }),
  // Judging order alone, the shortest reordering takes 12 steps; with every property judged, a
  // 10-step duplicate (which the oracle does not rule on) would stop the search first.
  kafka('inflight-reorder', 12, { order: 'violated' }),
  kafka('idempotent-producer', 13, { 'no-loss': 'passed', 'no-duplicate': 'passed', order: 'passed' }),
  kafka('idempotent-app-resend', 15, { 'no-duplicate': 'violated' }),
  kafka('idempotent-producer-restart', 13, { 'no-duplicate': 'violated' }),
  kafka('unclean-election', 9, { 'no-loss': 'violated' }),
  kafka('page-cache-power-loss', 12, { 'no-loss': 'violated' }),
  kafka('durable', 13, everyPropertyHolds),
  kafka('last-isr-power-loss', 12, { 'no-loss': 'violated' }),
  // The preset allows 3 crashes and 2 network faults; searched with those, the reordering lies
  // beyond depth 17 among tens of millions of states. Every schedule within smaller budgets is one
  // the preset allows, and with one crash, one network fault and one ISR shrink the search finds
  // the reordering at 23 steps among about 731,000 states.
  {
    ...kafka('idempotent-first-batch', 23, { order: 'violated', 'no-duplicate': 'violated' }),
    flags: ['--faults', 'crash=1,network=1,isr=1'],
  },
  kafka('idempotent-zombie-expiry', 19, { 'no-duplicate': 'violated' }),
  kafka('transactional-producer', 14, {
    'no-loss': 'passed',
    'no-duplicate': 'passed',
    progress: 'passed',
    'read-committed': 'passed',
    'atomic-transaction': 'passed',
  }),
  kafka('read-uncommitted-sees-aborted', 14, { 'read-committed': 'violated' }),
  kafka('atomic-multi-partition', 22, { 'atomic-transaction': 'passed', 'read-committed': 'passed' }),
  // Searched to its end: every schedule of the preset is shorter than 40 steps.
  kafka('transaction-timeout', 40, { progress: 'passed', fencing: 'passed' }),
  kafka('hanging-transaction', 24, { progress: 'violated' }),
  kafka('late-produce-next-transaction', 42, { 'atomic-transaction': 'violated' }),
  kafka('commit-before-process', 17, { 'no-loss': 'violated', 'no-duplicate': 'passed' }),
  kafka('commit-after-process', 17, { 'no-duplicate': 'violated', 'no-loss': 'passed' }),
  kafka('auto-commit', 17, { 'no-duplicate': 'violated', 'no-loss': 'passed' }),
  kafka('zombie-consumer', 16, { 'no-duplicate': 'violated' }),
  // Searched to its end: every schedule of the preset is shorter than 40 steps.
  kafka('external-db-atomic-offsets', 40, {
    'no-loss': 'passed',
    'no-duplicate': 'passed',
    progress: 'passed',
  }),
  // The preset's faults together (a crash, a pause, a rebalance, both coordinators moving) make a
  // space beyond what a nightly job covers, so it is searched to its end one fault family at a
  // time: a pause (a zombie), a crash, and a rebalance with both coordinator moves. Each of the
  // three is every schedule of the preset that has only those faults.
  {
    ...kafka('exactly-once', 70, exactlyOnceHolds),
    flags: ['--faults', 'consumer-crash=0,rebalance=0,coordinator-move=0,group-coordinator-move=0'],
  },
  {
    ...kafka('exactly-once', 70, exactlyOnceHolds),
    name: 'exactly-once-crash',
    flags: ['--faults', 'consumer-pause=0,rebalance=0,coordinator-move=0,group-coordinator-move=0'],
  },
  {
    ...kafka('exactly-once', 60, exactlyOnceHolds),
    name: 'exactly-once-rebalance-moves',
    flags: ['--faults', 'consumer-crash=0,consumer-pause=0'],
  },
  kafka('unfenced-zombie', 51, { 'no-duplicate': 'violated' }),
  kafka('zombie-before-kip447', 51, { 'no-duplicate': 'violated' }),
  kafka('pending-offsets-before-kip447', 50, { 'no-duplicate': 'violated' }),
  kafka('external-side-effect', 23, { 'no-duplicate': 'violated' }),
  kafka('read-past-truncation-before-kip320', 20, { 'no-duplicate': 'violated' }),
  // The same setup under Kafka 3.9's consumer, searched to its end (every schedule is shorter than 26 steps).
  {
    name: 'read-past-truncation-validated',
    preset: 'read-past-truncation-before-kip320',
    oracle: { 'no-duplicate': 'passed' },
    depth: 30,
    flags: ['--variant', 'consumer-position-validation=leader-epoch'],
  },
  canonical('acks1', ['--set', 'acks=1'], { 'no-loss': 'violated' }),
  canonical('acksall', ['--set', 'acks=all', '--set', 'enable.idempotence=false'], {
    'no-duplicate': 'violated',
  }),
  canonical('acksall-idempotent', ['--set', 'acks=all', '--set', 'enable.idempotence=true'], {
    'no-loss': 'passed',
    'no-duplicate': 'passed',
  }),
];

export function expectationOf(entry: NightlyEntry): Expectation {
  const firstViolated = Object.entries(entry.oracle)
    .filter(([, verdict]) => verdict === 'violated')
    .map(([property]) => property);
  return { verdict: firstViolated.length > 0 ? 'violated' : 'passed', firstViolated };
}

/** The depth an entry is searched to at a scale: violating entries keep theirs to find their counterexample. */
export function depthFor(entry: NightlyEntry, scale: DepthScale): number | null {
  if (entry.depth === null || scale === 'ci' || expectationOf(entry).verdict === 'violated') {
    return entry.depth;
  }
  return Math.max(0, entry.depth - LOCAL_DEPTH_CUT);
}

/** The explore arguments for an entry, without --shard, --json and --out. */
export function exploreArgs(entry: NightlyEntry, scale: DepthScale): string[] {
  const depth = depthFor(entry, scale);
  return [
    '--preset',
    entry.preset,
    ...(depth === null ? [] : ['--depth', String(depth)]),
    '--properties',
    Object.keys(entry.oracle).join(','),
    ...entry.flags,
  ];
}

/** The entries a list of names selects: an entry's own name, or a preset's for all its entries. */
export function selectEntries(names: readonly string[]): { entries: NightlyEntry[]; unknown: string[] } {
  const unknown = names.filter((n) => !nightlyPlan.some((e) => e.name === n || e.preset === n));
  const entries = nightlyPlan.filter((e) => names.includes(e.name) || names.includes(e.preset));
  return { entries, unknown };
}

/** One job of CI's explore matrix: a shard of an entry. */
export interface MatrixJob {
  readonly name: string;
  readonly preset: string;
  readonly shard: string;
  /** A name for the job's artifact, unique in the run (artifact names allow no slash). */
  readonly artifact: string;
  /** The explore arguments, without --shard, --json and --out; no argument holds a space. */
  readonly args: string;
  readonly out: string;
}

/** CI's explore matrix: every shard of every entry, with the directory each writes to. */
export function matrixOf(
  entries: readonly NightlyEntry[],
  scale: DepthScale,
  shards: number,
  outDir: string,
): { include: MatrixJob[] } {
  const include = entries.flatMap((entry) =>
    Array.from({ length: shards }, (_, i) => ({
      name: entry.name,
      preset: entry.preset,
      shard: `${i + 1}/${shards}`,
      artifact: `nightly-explore-${entry.name}-shard${i + 1}of${shards}`,
      args: exploreArgs(entry, scale).join(' '),
      out: posix.join(outDir, entry.name),
    })),
  );
  return { include };
}
