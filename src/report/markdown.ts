/**
 * A counterexample as Markdown, for a pull request, a step summary or an issue: the broken
 * property and its guarantee, the protocol, a Mermaid sequence diagram (a lane per actor that
 * takes part; the steps the model counts as faults marked; the changes that matter as notes), the story in Kafka's words, the
 * evidence and the replay commands. It renders from the one counterexample view, so it tells
 * every step the narration tells.
 */
import type { CounterexampleStep, CounterexampleView } from './counterexample.ts';

/** The lane a step's message goes to, from what the step names; null when it is a note. */
function targetOf(step: CounterexampleStep): string | null {
  if (step.request.endsWith('Response')) return null;
  const producer = step.fields.producer;
  if (step.request.startsWith('Handle') && typeof producer === 'number') return `producer ${producer}`;
  const group = /to (?:its )?group coordinator,? broker (\d+)/.exec(step.text);
  if (group !== null) return `group coordinator on broker ${group[1]}`;
  const coordinator = /to its coordinator,? broker (\d+)/.exec(step.text);
  if (coordinator !== null) return `coordinator on broker ${coordinator[1]}`;
  const broker = /\bto broker (\d+)|from leader broker (\d+)/.exec(step.text);
  if (broker !== null) return `broker ${broker[1] ?? broker[2]}`;
  if (step.request === 'ElectLeader' && typeof step.fields.broker === 'number')
    return `broker ${step.fields.broker}`;
  return null;
}

/** Text Mermaid shows as it is: no statement separators, entity starts or line breaks. */
function mermaidText(text: string): string {
  return text.replaceAll(';', ',').replaceAll('#', 'no. ').replaceAll('\n', ' ');
}

/** The Mermaid sequence diagram of the steps. */
export function sequenceDiagram(steps: readonly CounterexampleStep[]): string[] {
  const lanes: string[] = [];
  const lane = (actor: string) => {
    if (!lanes.includes(actor)) lanes.push(actor);
    return `L${lanes.indexOf(actor)}`;
  };
  const body: string[] = [];
  let healing = false;
  for (const step of steps) {
    const from = lane(step.actor);
    const target = targetOf(step);
    const to = target === null || target === step.actor ? null : lane(target);
    if (step.phase === 'heal' && !healing) {
      healing = true;
      body.push('  rect rgb(235, 245, 235)');
    }
    const text = mermaidText(`${step.number}. ${step.text}`);
    if (step.fault) body.push(`  Note over ${from}: FAULT ${text}`);
    else if (to === null) body.push(`  Note over ${from}: ${text}`);
    else body.push(`  ${from}->>${to}: ${text}`);
    if (step.changes.length > 0)
      body.push(`  Note right of ${from}: ${mermaidText(step.changes.join(', '))}`);
  }
  if (healing) body.push('  end');
  const participants = lanes.map((actor, i) => `  participant L${i} as ${mermaidText(actor)}`);
  return ['sequenceDiagram', ...participants, ...body];
}

export function markdownReport(c: CounterexampleView, preset: string | null): string {
  const title = `# ${c.property} broken in ${c.length} steps${preset === null ? '' : ` (${preset})`}`;
  const lines = [
    title,
    '',
    `**${c.property}**: ${c.guarantee}`,
    '',
    `**Broken**: ${c.sentence}`,
    '',
    `**Protocol**: ${c.protocol}. Found by the ${c.explorer} search${c.shortest ? '; no shorter schedule breaks it' : ''}.`,
    '',
    '## Sequence',
    '',
    'Steps in the shaded box came after the faults stopped, while the cluster healed.',
    '',
    '```mermaid',
    ...sequenceDiagram(c.steps),
    '```',
    '',
    '## Steps',
    '',
    ...c.steps.flatMap((s) => [
      `${s.number}. **${s.actor}** ${s.text}${s.phase === 'heal' ? ' _(healing)_' : ''}`,
      ...s.changes.map((change) => `   - ${change}`),
    ]),
    '',
    '## Evidence',
    '',
    '```json',
    JSON.stringify(c.evidence, null, 2),
    '```',
    '',
    '## Replay',
    '',
    '```sh',
    ...c.replay,
    '```',
    '',
  ];
  return lines.join('\n');
}
