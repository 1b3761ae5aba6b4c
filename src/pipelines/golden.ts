/**
 * Test support: a digest of what the Kafka model does on a preset, cheap enough to compute for
 * every mutant a mutation run makes. Seeded random walks step the model; at every state and step
 * each property is judged, and after each walk the heal phase runs to its end and the end
 * properties are judged. The digest covers the actions enabled, the states reached and their
 * byte encoding, every judgement with its message, the witnesses seen, and each step as the story
 * tells it: a change to any step, guard, reaction, property, encoding or narration that shows on
 * these walks changes it.
 */
import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';
import type { Action, ModelConfig, State } from '../../model/index.ts';
import { kafkaModel } from '../adapters/kafka.ts';
import { presetByName } from '../config/presets.ts';
import { resolvePreset } from '../config/resolve.ts';
import type { Judgement, Model } from '../engines/contract.ts';
import { defaultHeal } from '../engines/heal.ts';
import { heal } from '../engines/random/run.ts';
import { Tracker } from '../engines/tracker.ts';
import { narrate } from '../report/narrate.ts';

export interface WalkBudget {
  readonly walks: number;
  readonly steps: number;
}

export const GOLDEN_BUDGET: WalkBudget = { walks: 8, steps: 40 };

/** What went into a digest: steps taken and judgements broken, and which properties broke. */
export interface Digest {
  readonly digest: string;
  readonly steps: number;
  readonly broken: readonly string[];
}

/** A schedule to replay: a counterexample's actions, as its trace file holds them. */
export interface Schedule {
  readonly property: string;
  readonly actions: readonly Action[];
  /** Where the heal phase began: from there on a step is one the heal phase may take. */
  readonly healFrom: number;
}

/** Hashes what the model does along walks and schedules, judging every property on the way. */
class Recorder {
  private readonly hash = createHash('sha256');
  private readonly model: Model<State, Action>;
  steps = 0;
  readonly broken = new Set<string>();

  constructor(private readonly config: ModelConfig) {
    this.model = kafkaModel(config, 'all');
  }

  /** Takes a step the walk or schedule chose among the enabled ones, judging it. */
  step(state: State, action: Action): State {
    const model = this.model;
    const after = model.step(state, action);
    this.steps++;
    for (const j of model.judges) {
      if (j.always !== undefined) this.judge(j.name, j.always(after));
      if (j.everyStep !== undefined) this.judge(j.name, j.everyStep(state, action, after));
    }
    for (const w of model.witnesses) if (w.seen(state, action, after)) this.hash.update(`${w.name}\n`);
    // The story a counterexample tells of the step, in Kafka's words.
    this.hash.update(`${JSON.stringify(narrate(this.config, state, action, after))}\n`);
    const key = model.stateKey(after);
    this.hash.update(`${key}\n`);
    // The byte encoding the exhaustive explorer fingerprints, and that it decodes to the state.
    const bytes = model.encode!(after);
    this.hash.update(bytes);
    if (JSON.stringify(model.decode!(bytes)) !== key) this.hash.update('decodes to another state\n');
    return after;
  }

  /** The enabled actions (in the heal phase, the ones it may take), recorded: a guard that changes shows here. */
  enabled(state: State, healing = false): readonly Action[] {
    const actions = healing ? this.model.heal(state, true) : this.model.enabled(state);
    this.hash.update(`${actions.map(this.model.key).join(' ')}\n`);
    return actions;
  }

  key(action: Action): string {
    return this.model.key(action);
  }

  /** Runs the heal phase to its end and judges the end properties. */
  heal(state: State): void {
    const model = this.model;
    const tracker = new Tracker(model);
    const healed = heal(model, state, [], tracker, defaultHeal);
    this.hash.update(
      `healed ${healed.ending.healSteps} ${healed.ending.quiescent} ${model.stateKey(healed.state)}\n`,
    );
    for (const v of tracker.violations)
      this.judge(v.property, { holds: false, message: v.message, evidence: v.evidence });
    for (const j of model.judges)
      if (j.atEnd !== undefined) this.judge(j.name, j.atEnd(healed.state, healed.ending));
  }

  note(text: string): void {
    this.hash.update(`${text}\n`);
  }

  private judge(name: string, judgement: Judgement): void {
    if (judgement.holds) return;
    this.broken.add(name);
    this.hash.update(`${name}!${judgement.message}!${JSON.stringify(judgement.evidence)}\n`);
  }

  digest(): Digest {
    return {
      digest: this.hash.digest('hex').slice(0, 24),
      steps: this.steps,
      broken: [...this.broken].sort(),
    };
  }

  get initial(): State {
    return this.model.initial;
  }
}

export function presetConfig(name: string): ModelConfig {
  const preset = presetByName(name);
  if (preset === undefined) throw new Error(`no preset ${name}`);
  return resolvePreset(preset).config;
}

/** Seeded random walks from the initial state, each healed at its end. */
export function walkDigest(name: string, budget: WalkBudget = GOLDEN_BUDGET): Digest {
  const recorder = new Recorder(presetConfig(name));
  for (let walk = 0; walk < budget.walks; walk++) {
    const random = seedrandom(`${name}:${walk}`);
    let state = recorder.initial;
    for (let step = 0; step < budget.steps; step++) {
      const actions = recorder.enabled(state);
      if (actions.length === 0) break;
      state = recorder.step(state, actions[Math.floor(random() * actions.length)]!);
    }
    recorder.heal(state);
  }
  return recorder.digest();
}

/**
 * A schedule replayed step by step, each step required to be enabled where it is taken, then
 * healed: a model that no longer allows a step records where the schedule left it.
 */
export function scheduleDigest(name: string, schedule: Schedule): Digest {
  const recorder = new Recorder(presetConfig(name));
  let state = recorder.initial;
  for (const [i, action] of schedule.actions.entries()) {
    const key = recorder.key(action);
    if (!recorder.enabled(state, i >= schedule.healFrom).some((a) => recorder.key(a) === key)) {
      recorder.note(`step ${i} ${key} is not enabled`);
      return recorder.digest();
    }
    state = recorder.step(state, action);
  }
  recorder.heal(state);
  return recorder.digest();
}
