/**
 * The keys a run accepted but the model does not read, told once and grouped by where they came
 * from, so a production file's fifty unmodelled keys take a few lines, not fifty warnings.
 */

/** `ignored` as the resolver lists them (`broker.rack (server.properties line 3)`), grouped by file. */
export function ignoredLines(ignored: readonly string[]): string[] {
  if (ignored.length === 0) return [];
  const bySource = new Map<string, string[]>();
  for (const item of ignored) {
    const match = /^(\S+) \((.*?)(?: line \d+)?(?:, (.*))?\)$/.exec(item);
    const [key, where, note] =
      match === null ? [item, 'elsewhere', undefined] : [match[1]!, match[2]!, match[3]];
    bySource.set(where, [...(bySource.get(where) ?? []), note === undefined ? key : `${key} (${note})`]);
  }
  const count = ignored.length === 1 ? '1 key' : `${ignored.length} keys`;
  return [
    `ignored: ${count} the model does not use`,
    ...[...bySource].map(([where, keys]) => `  ${where}: ${keys.join(', ')}`),
  ];
}
