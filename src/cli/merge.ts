/**
 * `deliverycheck merge RESULT.json...`: the shards of one explore run combined into one verdict,
 * with the exit code `explore` would have given.
 */
import type { Command } from 'commander';
import { exploreView } from '../library/explore.ts';
import { MergeError, type MergeResult, mergeResults } from '../pipelines/merge.ts';
import { renderTable } from '../report/terminal.ts';
import { out, paintFor, UsageError } from './output.ts';

function jsonMerge(m: MergeResult): unknown {
  const c = m.counterexample;
  return {
    verdict: m.verdict,
    name: m.name,
    shards: m.shards,
    states: m.states,
    edges: m.edges,
    depth: m.depth,
    depthBound: m.depthBound,
    depthCut: m.depthCut,
    seconds: m.seconds,
    shardSeconds: m.shardSeconds,
    statesPerSecond: m.seconds > 0 ? m.states / m.seconds : 0,
    overlap: m.overlap,
    collisionProbability: m.collisionProbability,
    ...(c === null
      ? {}
      : {
          violation: { property: c.property, message: c.message, kind: c.kind },
          counterexample: exploreView(c),
        }),
    shardResults: m.shardResults,
  };
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('combine the result files of every shard of one explore run (explore --shard k/n --out DIR)')
    .argument(
      '<results...>',
      "the shards' result files (*.explore.json), with their .states.bin files beside them",
    )
    .option('--json', 'print one JSON object on stdout and nothing else there')
    .action((files: string[], options: { json?: boolean }) => {
      let merged: MergeResult;
      try {
        merged = mergeResults(files);
      } catch (error) {
        if (error instanceof MergeError) throw new UsageError(error.message);
        throw error;
      }
      if (options.json === true) out(JSON.stringify(jsonMerge(merged), null, 2));
      else {
        const paint = paintFor(false);
        out(`${merged.name}: ${merged.shards} shards merged`);
        out(
          renderTable(
            ['verdict', 'states', 'edges', 'depth', 'slowest shard s', 'overlap'],
            [
              [
                merged.verdict,
                merged.states.toLocaleString('en-US'),
                merged.edges.toLocaleString('en-US'),
                String(merged.depth),
                merged.seconds.toFixed(2),
                `${merged.overlap.toFixed(2)}×`,
              ],
            ],
          ),
        );
        const c = merged.counterexample;
        if (c !== null) {
          out(paint.bold(`${c.property} violated after ${c.length} steps: ${c.message}`));
          if (c.traceFile !== null) out(`replay: npx deliverycheck replay ${c.traceFile}`);
        }
      }
      process.exitCode = merged.verdict === 'violated' ? 1 : 0;
    });
}
