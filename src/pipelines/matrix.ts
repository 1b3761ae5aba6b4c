/**
 * The semantics matrix: every shipped preset checked with the same budget and seed, one verdict
 * per property. Every verdict comes from a search.
 */
import { propertyNames } from '../../properties/index.ts';
import type { Preset } from '../config/presets.ts';
import { resolvePreset } from '../config/resolve.ts';
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

export function checkPreset(preset: Preset, request: Omit<MatrixRequest, 'presets'>): CheckResult {
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
  });
}

export function runMatrix(request: MatrixRequest, onRow: (row: MatrixRow) => void = () => {}): MatrixRow[] {
  return request.presets.map((preset) => {
    const row = { preset, result: checkPreset(preset, request) };
    onRow(row);
    return row;
  });
}
