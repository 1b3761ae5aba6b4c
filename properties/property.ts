/**
 * A property names one guarantee and judges it: on every state reached (safety), on every step
 * (for guarantees about change, such as "never moves back"), or once the heal phase has run to
 * quiescence (end to end and liveness, the way Jepsen does final reads).
 */
import type { Action, ModelConfig, State } from '../model/index.ts';

export type PropertyName =
  | 'no-loss'
  | 'no-duplicate'
  | 'order'
  | 'replica-consistency'
  | 'progress'
  | 'read-committed'
  | 'atomic-transaction'
  | 'fencing';

export type Judgement =
  | { readonly holds: true }
  | { readonly holds: false; readonly message: string; readonly evidence: unknown };

export const holds: Judgement = { holds: true };

export function violated(message: string, evidence: unknown): Judgement {
  return { holds: false, message, evidence };
}

/** How the heal phase ended. */
export interface Ending {
  /** Nothing was left to do; false when the heal phase hit its step bound first. */
  readonly quiescent: boolean;
  readonly healSteps: number;
}

export interface Property {
  readonly name: PropertyName;
  /** The guarantee in one sentence, and where Kafka promises it. */
  readonly guarantee: string;
  /** Judged on every state, the initial one included. */
  readonly always?: (config: ModelConfig, state: State) => Judgement;
  /** Judged on every step, from the state before to the state after. */
  readonly everyStep?: (config: ModelConfig, before: State, action: Action, after: State) => Judgement;
  /** Judged once, after the heal phase. */
  readonly atEnd?: (config: ModelConfig, state: State, ending: Ending) => Judgement;
}
