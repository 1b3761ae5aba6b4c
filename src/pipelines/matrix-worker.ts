/**
 * A worker thread of the matrix: checks one shipped preset, by name, exactly as the main thread
 * would, and sends back its result (plain data; trace files are written here).
 */
import { presetByName } from '../config/presets.ts';
import type { CheckResult } from './check.ts';
import { checkPreset, type MatrixTask } from './matrix.ts';

export default function checkOne(task: MatrixTask): CheckResult {
  const preset = presetByName(task.preset);
  if (preset === undefined) throw new Error(`no preset ${task.preset}`);
  return checkPreset(preset, task);
}
