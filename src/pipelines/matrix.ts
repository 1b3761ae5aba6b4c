/**
 * The semantics matrix: every shipped preset checked with the same budget and seed, one verdict
 * per property. Every verdict comes from a search.
 */
import { Tinypool } from 'tinypool';
import { propertyNames } from '../../properties/index.ts';
import type { Preset } from '../config/presets.ts';
import { resolvePreset } from '../config/resolve.ts';
import { workerFile } from '../engines/module-url.ts';
import { type CheckResult, DEFAULT_PREFIX_STATES, runCheck } from './check.ts';

export interface MatrixRow {
  readonly preset: Preset;
  readonly result: CheckResult;
}

export interface MatrixRequest {
  readonly presets: readonly Preset[];
  readonly runs: number;
  readonly seed: number;
  readonly outDir: string | null;
}

/** One preset of a matrix, by name, as a worker thread checks it (matrix-worker.ts). */
export interface MatrixTask extends Omit<MatrixRequest, 'presets'> {
  readonly preset: string;
}

/** One preset checked as `check --preset` checks it (`shrinkStates` as `--shrink-states`). */
export function checkPreset(
  preset: Preset,
  request: Omit<MatrixRequest, 'presets'> & { readonly shrinkStates?: number },
): CheckResult {
  const resolved = resolvePreset(preset);
  return runCheck({
    resolved,
    preset: preset.name,
    runs: request.runs,
    seed: request.seed,
    path: null,
    prefixStates: DEFAULT_PREFIX_STATES,
    judged: propertyNames,
    outDir: request.outDir,
    ...(request.shrinkStates === undefined ? {} : { shrinkStates: request.shrinkStates }),
  });
}

export function runMatrix(request: MatrixRequest, onRow: (row: MatrixRow) => void = () => {}): MatrixRow[] {
  return request.presets.map((preset) => {
    const row = { preset, result: checkPreset(preset, request) };
    onRow(row);
    return row;
  });
}

/**
 * The matrix on `workers` threads, one preset per task: each preset's check is the same search
 * whichever thread runs it, so the rows (and `onRow`'s order) are those of runMatrix.
 */
export async function runMatrixOn(
  request: MatrixRequest,
  workers: number,
  onRow: (row: MatrixRow) => void = () => {},
): Promise<MatrixRow[]> {
  if (workers <= 1) return runMatrix(request, onRow);
  const pool = new Tinypool({
    filename: workerFile('matrix-worker', import.meta.url),
    minThreads: workers,
    maxThreads: workers,
  });
  try {
    const pending = request.presets.map((preset) => {
      const task: MatrixTask = {
        preset: preset.name,
        runs: request.runs,
        seed: request.seed,
        outDir: request.outDir,
      };
      return pool.run(task) as Promise<CheckResult>;
    });
    const rows: MatrixRow[] = [];
    for (const [i, preset] of request.presets.entries()) {
      const row = { preset, result: await pending[i]! };
      onRow(row);
      rows.push(row);
    }
    return rows;
  } finally {
    await pool.destroy();
  }
}
