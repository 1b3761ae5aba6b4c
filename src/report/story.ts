/**
 * A counterexample as a story: the trace's actions replayed through the model, each step
 * narrated, the heal phase marked, and the broken property's sentence at the end.
 */
import type { ModelConfig } from '../../model/index.ts';
import { kafkaModel } from '../adapters/kafka.ts';
import type { Trace } from '../trace/schema.ts';
import { type NarratedStep, narrate } from './narrate.ts';

export interface StoryStep extends NarratedStep {
  readonly number: number;
  readonly phase: 'schedule' | 'heal';
  /** The model counts the step a fault (a crash, a lost answer, a timeout), not a protocol step. */
  readonly fault: boolean;
}

export interface Story {
  readonly property: string;
  readonly message: string;
  readonly protocol: string;
  readonly steps: readonly StoryStep[];
}

export function tell(trace: Trace): Story {
  const config: ModelConfig = trace.config;
  const model = kafkaModel(config);
  let state = model.initial;
  const steps = trace.actions.map((action, i): StoryStep => {
    const after = model.step(state, action);
    const told = narrate(config, state, action, after);
    const fault = model.isFault(state, action);
    state = after;
    return { ...told, number: i + 1, phase: i < trace.healFrom ? 'schedule' : 'heal', fault };
  });
  return { property: trace.property, message: trace.message, protocol: trace.protocol, steps };
}
