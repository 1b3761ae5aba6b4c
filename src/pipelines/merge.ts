/**
 * `merge`: the result files of the n shards of one search combined into one verdict. States are
 * the union of the shards' visited states; each counts once, at its smallest distance, with its
 * actions counted once if any shard expanded it, so the counts equal an unsharded run's. The
 * verdict is the worst of the shards' and the counterexample the shortest.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { collisionProbability } from '../engines/bfs/fingerprint.ts';
import { decodeStates, isStatesFile, NOT_EXPANDED, stateCount } from '../engines/bfs/states-file.ts';
import { FingerprintTable } from '../engines/bfs/table.ts';
import { checkedContent } from '../trace/checksum.ts';
import type { ExploreCounterexample, ExploreResult, SearchSummary } from './explore.ts';
import { ResultFileError, readResultFile } from './result-file.ts';

export class MergeError extends Error {}

/** `seconds` is the slowest shard's (shards run side by side). */
export interface MergeResult extends SearchSummary {
  readonly shards: number;
  /** All shards' seconds together. */
  readonly shardSeconds: number;
  /** States the shards visited in all, over distinct states: the work sharding repeated. */
  readonly overlap: number;
  readonly shardResults: readonly {
    readonly file: string;
    readonly verdict: string;
    readonly states: number;
  }[];
}

function statesOf(file: string, result: ExploreResult): Uint8Array {
  if (result.statesFile === null)
    throw new MergeError(`${file} is not a shard's result (it has no states file)`);
  const path = join(dirname(file), basename(result.statesFile));
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new MergeError(`cannot read ${path}, the states file of ${file}; keep it beside the result file`);
  }
  const checked = checkedContent(bytes);
  if (!checked.ok)
    throw new MergeError(`${path}, the states file of ${file}, is refused: ${checked.problem}`);
  if (!isStatesFile(checked.content)) throw new MergeError(`${path} is not a whole states file`);
  return checked.content;
}

function checkShards(files: readonly string[], results: readonly ExploreResult[]): number {
  const first = results[0]!;
  const count = first.shard?.count ?? 0;
  const seen = new Map<number, string>();
  results.forEach((r, i) => {
    if (r.shard === null) {
      throw new MergeError(
        `${files[i]} is an unsharded run's result; merge combines the results of explore --shard k/n`,
      );
    }
    if (r.identity !== first.identity) {
      throw new MergeError(
        `${files[i]} is another search than ${files[0]} (model, settings, depth or properties differ)`,
      );
    }
    if (r.shard.count !== count) {
      throw new MergeError(
        `${files[i]} is shard k/${r.shard.count} and ${files[0]} shard k/${count}: not the same split`,
      );
    }
    const twice = seen.get(r.shard.index);
    if (twice !== undefined) {
      throw new MergeError(
        `${files[i]} and ${twice} are both shard ${r.shard.index + 1}/${count}; give each shard once`,
      );
    }
    seen.set(r.shard.index, files[i]!);
  });
  const missing = [...Array(count).keys()].filter((k) => !seen.has(k)).map((k) => `${k + 1}/${count}`);
  if (missing.length > 0) {
    throw new MergeError(`missing shard result(s) ${missing.join(', ')}; given ${files.join(', ')}`);
  }
  return count;
}

export function mergeResults(files: readonly string[]): MergeResult {
  if (files.length === 0) throw new MergeError('merge needs the result files of every shard');
  const results = files.map((file) => {
    try {
      return readResultFile(file);
    } catch (error) {
      if (error instanceof ResultFileError) throw new MergeError(error.message);
      throw error;
    }
  });
  const count = checkShards(files, results);
  const stateFiles = results.map((r, i) => statesOf(files[i]!, r));
  const union = new FingerprintTable();
  union.reserve(stateFiles.reduce((sum, bytes) => sum + stateCount(bytes), 0));
  // Each state once, by its slot: its smallest distance, and its out-degree where it was expanded.
  const depths = new Uint16Array(union.capacity);
  const degrees = new Uint16Array(union.capacity);
  for (const bytes of stateFiles) {
    for (const r of decodeStates(bytes)) {
      const { slot, fresh } = union.slotOf(r.hi, r.lo);
      if (fresh) {
        depths[slot] = r.depth;
        degrees[slot] = r.outDegree;
        continue;
      }
      depths[slot] = Math.min(depths[slot]!, r.depth);
      if (degrees[slot] === NOT_EXPANDED) degrees[slot] = r.outDegree;
    }
  }
  let edges = 0;
  let depth = 0;
  for (let slot = 0; slot < union.capacity; slot++) {
    if (!union.holds(slot)) continue;
    if (degrees[slot] !== NOT_EXPANDED) edges += degrees[slot]!;
    depth = Math.max(depth, depths[slot]!);
  }
  const counterexamples = results.flatMap((r) => (r.counterexample === null ? [] : [r.counterexample]));
  const shortest = counterexamples.reduce<ExploreCounterexample | null>(
    (best, c) => (best === null || c.length < best.length ? c : best),
    null,
  );
  const verdict = results.some((r) => r.verdict === 'violated')
    ? 'violated'
    : results.some((r) => r.verdict === 'bounded')
      ? 'bounded'
      : 'passed';
  const first = results[0]!;
  return {
    name: first.name,
    identity: first.identity,
    verdict,
    shards: count,
    states: union.count,
    edges,
    depth,
    depthBound: first.depthBound,
    depthCut: results.some((r) => r.depthCut),
    seconds: Math.max(...results.map((r) => r.seconds)),
    shardSeconds: results.reduce((sum, r) => sum + r.seconds, 0),
    overlap: results.reduce((sum, r) => sum + r.states, 0) / union.count,
    collisionProbability: collisionProbability(union.count),
    counterexample: shortest,
    shardResults: results.map((r, i) => ({ file: files[i]!, verdict: r.verdict, states: r.states })),
  };
}
