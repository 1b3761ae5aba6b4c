/** A flag's comma-separated list of names: each known, each once, none empty. */
import { quoted } from '../config/error.ts';
import { type ReportFormat, reportFormats } from '../pipelines/report-files.ts';
import { UsageError } from './output.ts';

export function parseNameList(
  flag: string,
  value: string,
  allowed: readonly string[],
  what: string,
): string[] {
  const names = value.split(',').map((s) => s.trim());
  const wrong = `${flag} takes ${what} ${allowed.join(', ')}; got ${quoted(value)}`;
  if (names.some((n) => n.length === 0)) throw new UsageError(`${wrong}, which has an empty name`);
  const unknown = names.find((n) => !allowed.includes(n));
  if (unknown !== undefined) throw new UsageError(`${wrong}: ${quoted(unknown)} is not one of them`);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new UsageError(`${flag} names ${twice} twice; name each once`);
  return names;
}

/** `--report md,json` (or `--format`): the report formats, each known, each once (html and itf are not built yet). */
export function reportFormatsOf(flag: string): (value: string) => ReportFormat[] {
  return (value) => parseNameList(flag, value, reportFormats, 'a comma-separated list of') as ReportFormat[];
}
