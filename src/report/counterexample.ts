/**
 * One shape for a counterexample, whichever explorer found it and whoever asks (the library, and
 * the CLI's `--json`): the violated property and its sentence, each step as a structured object
 * (who acted, the Kafka request or event, its fields) beside its narrated text, and how to get it
 * back (seed and path, or the exhaustive search's path, and the trace file).
 */
import { properties } from '../../properties/index.ts';
import { isFaultRule } from '../adapters/canonical.ts';
import { reproduceTrace } from '../adapters/reproduce.ts';
import type { Trace } from '../trace/schema.ts';
import { tell } from './story.ts';
import { renderStory } from './terminal.ts';

export interface CounterexampleStep {
  readonly number: number;
  /** `schedule`: while faults may happen; `heal`: after they stopped. */
  readonly phase: 'schedule' | 'heal';
  /** The model counts the step a fault (a crash, a lost answer, a timeout), not a protocol step. */
  readonly fault: boolean;
  /** Who acted: "producer 0", "broker 2", "controller". */
  readonly actor: string;
  /** The model's step, named after Kafka's request or event: `HandleProduce`, `CrashBroker`. */
  readonly request: string;
  /** The step's fields: which broker, partition, producer, record. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** The step told in Kafka's words. */
  readonly text: string;
  /** What changed that matters, one clause each. */
  readonly changes: readonly string[];
}

export interface CounterexampleView {
  readonly property: string;
  /** What the property guarantees, in a sentence, with its KIP. */
  readonly guarantee: string;
  /** The broken property's sentence about this schedule. */
  readonly sentence: string;
  /** The property's own evidence, as data (records, offsets, replicas), from judging the replayed trace. */
  readonly evidence: unknown;
  /** `safety`: broken on a state or a step; `end`: broken once faults stopped and the cluster healed. */
  readonly kind: 'safety' | 'end';
  readonly length: number;
  /** No shorter schedule of the setup breaks the property (a breadth-first search covered them all). */
  readonly shortest: boolean;
  readonly explorer: 'random' | 'exhaustive';
  /** The random search's seed and fast-check path; for the exhaustive search, its action indices. */
  readonly seed: number;
  readonly path: string;
  readonly protocol: string;
  readonly steps: readonly CounterexampleStep[];
  /** The whole story as the terminal shows it, without colour. */
  readonly story: readonly string[];
  /** Where its trace file was written, or null when none was. */
  readonly traceFile: string | null;
  /** Commands that replay it. */
  readonly replay: readonly string[];
}

/** The property's guarantee; the canonical model's invariants share the Kafka properties' names. */
function guaranteeOf(name: string): string {
  return properties.find((p) => p.name === name)?.guarantee ?? name;
}

/** The view of a trace's counterexample. */
export function counterexampleView(
  trace: Trace,
  how: { readonly shortest: boolean; readonly traceFile: string | null; readonly replay: readonly string[] },
): CounterexampleView {
  const story = tell(trace);
  const steps = story.steps.map((step, i): CounterexampleStep => {
    const { type, ...fields } = trace.actions[i]! as { type: string } & Record<string, unknown>;
    return {
      number: step.number,
      phase: step.phase,
      fault: step.fault,
      actor: step.actor,
      request: type,
      fields,
      text: step.message,
      changes: step.changes,
    };
  });
  const replayed = reproduceTrace(trace);
  return {
    property: trace.property,
    guarantee: guaranteeOf(trace.property),
    sentence: trace.message,
    evidence: replayed.kind === 'reproduced' ? replayed.violation.evidence : null,
    kind: trace.kind,
    length: trace.actions.length,
    shortest: how.shortest,
    explorer: trace.explorer ?? 'random',
    seed: trace.seed,
    path: trace.path,
    protocol: trace.protocol,
    steps,
    story: renderStory(story, how.replay),
    traceFile: how.traceFile,
    replay: how.replay,
  };
}

/**
 * The view of a counterexample of the canonical model, whose trace holds the anchors' rule names
 * and no Kafka story: each step is its rule, told by its name.
 */
export function ruleStepsView(
  found: {
    readonly property: string;
    readonly message: string;
    readonly kind: 'safety' | 'end';
    readonly path: string;
    readonly steps: readonly string[];
    readonly traceFile: string | null;
  },
  replay: readonly string[],
): CounterexampleView {
  const steps = found.steps.map(
    (rule, i): CounterexampleStep => ({
      number: i + 1,
      phase: 'schedule',
      fault: isFaultRule(rule),
      actor: 'model',
      request: rule,
      fields: {},
      text: rule,
      changes: [],
    }),
  );
  return {
    property: found.property,
    guarantee: guaranteeOf(found.property),
    sentence: found.message,
    evidence: null,
    kind: found.kind,
    length: steps.length,
    shortest: true,
    explorer: 'exhaustive',
    seed: 0,
    path: found.path,
    protocol: 'canonical replication model',
    steps,
    story: [
      `Counterexample: ${found.property}, ${steps.length} steps`,
      ...steps.map((s) => `${String(s.number).padStart(3)}. ${s.text}`),
      `${found.property} broken: ${found.message}`,
    ],
    traceFile: found.traceFile,
    replay,
  };
}
