/**
 * Terminal renderings: the story of a counterexample and the verdict table. They build strings;
 * the CLI decides where they go and whether they are coloured.
 */
import visible from 'string-width';
import type { Story } from './story.ts';

export interface Paint {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
}

export const noPaint: Paint = {
  bold: (s) => s,
  dim: (s) => s,
  red: (s) => s,
  green: (s) => s,
  yellow: (s) => s,
};

export function renderStory(story: Story, replay: readonly string[], paint: Paint = noPaint): string[] {
  const lines: string[] = [];
  lines.push(
    paint.bold(`Counterexample: ${story.property}, ${story.steps.length} steps (${story.protocol})`),
  );
  const width = Math.max(0, ...story.steps.map((s) => s.actor.length));
  let healing = false;
  for (const step of story.steps) {
    if (step.phase === 'heal' && !healing) {
      healing = true;
      lines.push(paint.dim('   -- faults stop; the cluster heals --'));
    }
    const number = `${step.number}.`.padStart(4);
    lines.push(`${number} ${paint.bold(step.actor.padEnd(width))}  ${step.message}`);
    for (const change of step.changes) lines.push(`${' '.repeat(width + 7)}${paint.dim(`-> ${change}`)}`);
  }
  lines.push(paint.red(`${story.property} broken: ${story.message}`));
  if (replay.length > 0) {
    lines.push(paint.dim('Replay it with:'));
    for (const command of replay) lines.push(`  ${command}`);
  }
  return lines;
}

/**
 * A plain aligned table, as Kafka's own tools print theirs (kafka-consumer-groups.sh): header,
 * rule, rows, columns two spaces apart. Cells are measured by string-width, which skips colour
 * escapes and counts wide characters as two columns.
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c + ' '.repeat(Math.max(0, widths[i]! - visible(c))))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
