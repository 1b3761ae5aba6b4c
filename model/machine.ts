/**
 * The state machine the registry's step modules make for one configuration: which actions are
 * enabled, what a step does (the module's effect, the fault budget it spends, then the reactions),
 * which actions are faults, and what may still happen once faults stop. Nothing here knows a
 * particular step.
 */
import type { ModelConfig } from './config.ts';
import { addFootprint, bitsOfPath, everything, footprintOf, layoutOf, writesAny } from './footprint.ts';
import { perConfig } from './per-config.ts';
import { react, reactionFootprint } from './reactions.ts';
import { initialState, type State } from './state.ts';
import { type Action, type AnyStep, allSteps, stepsFor } from './steps/registry.ts';

interface Compiled {
  /** Each step with its candidate actions for the configuration, in registry order. */
  readonly steps: readonly { readonly module: AnyStep; readonly candidates: readonly Action[] }[];
  /** The same without the faults that can never be enabled: always faults, with no budget, no heal. */
  readonly possible: readonly { readonly module: AnyStep; readonly candidates: readonly Action[] }[];
}

/** Whether none of a step's actions can ever be enabled, because it is a fault with no budget. */
function neverEnabled(config: ModelConfig, module: AnyStep, candidates: readonly Action[]): boolean {
  const fault = module.fault;
  if (fault === undefined || fault.when !== undefined || fault.heal !== undefined) return false;
  return candidates.every((action) => config.faults[fault.budget(action)] === 0);
}

const byType: ReadonlyMap<string, AnyStep> = new Map(allSteps.map((m) => [m.type, m]));

const compile = perConfig((config: ModelConfig): Compiled => {
  // Steps the configuration has no action of (transactions without a transactional.id) cost nothing.
  const all = stepsFor(config).map((module) => ({ module, candidates: module.candidates(config) }));
  const steps = all.filter((s) => s.candidates.length > 0);
  return { steps, possible: steps.filter((s) => !neverEnabled(config, s.module, s.candidates)) };
});

/** Every action the configuration has, in the order `enabled` lists them: the same objects it returns. */
export function candidatesOf(config: ModelConfig): readonly Action[] {
  return compile(config).steps.flatMap((s) => s.candidates);
}

/**
 * The footprint of each of `candidatesOf`'s actions (footprint.ts): its module's declaration, the
 * budget a fault spends, and what the reactions touch when it writes a partition or connection.
 */
export const footprintsOf = perConfig((config: ModelConfig): readonly Uint32Array[] => {
  const layout = layoutOf(config, initialState(config));
  const triggers = [
    ...bitsOfPath(layout, 'partitions[*]', {}),
    ...bitsOfPath(layout, 'connections[*][*]', {}),
  ];
  const reactions = footprintOf(layout, reactionFootprint, {});
  return compile(config).steps.flatMap(({ module, candidates }) =>
    candidates.map((action) => {
      if (module.footprint === undefined) return everything(layout);
      const set = footprintOf(layout, module.footprint, action);
      if (module.fault !== undefined) {
        const budget = `faultsUsed.${module.fault.budget(action)}`;
        addFootprint(set, footprintOf(layout, { reads: [], writes: [budget] }, action));
      }
      if (writesAny(layout, set, triggers)) addFootprint(set, reactions);
      return set;
    }),
  );
});

export function stepModule(type: string): AnyStep {
  const module = byType.get(type);
  if (module === undefined) throw new RangeError(`no step ${type}`);
  return module;
}

function faultOf(module: AnyStep, state: State, action: Action): boolean {
  const fault = module.fault;
  return fault !== undefined && (fault.when === undefined || fault.when(state, action));
}

/** Whether an action injects a fault (and so stops once the heal phase starts). */
export function isFault(state: State, action: Action): boolean {
  return faultOf(stepModule(action.type), state, action);
}

/**
 * Every action possible in a state: by step in registry order, then as each step's candidates
 * come. It is the one place fault budgets are checked: a fault is possible only while its budget
 * lasts.
 */
export function enabled(config: ModelConfig, state: State): readonly Action[] {
  const actions: Action[] = [];
  // faultOf written out, as this loop runs for every candidate of every state searched.
  for (const { module, candidates } of compile(config).possible) {
    const fault = module.fault;
    const when = fault?.when;
    for (const action of candidates) {
      if (fault !== undefined && (when === undefined || when(state, action))) {
        const kind = fault.budget(action);
        if (state.faultsUsed[kind] >= config.faults[kind]) continue;
      }
      if (module.guard(config, state, action)) actions.push(action);
    }
  }
  return actions;
}

/** Whether one action is enabled: `enabled`'s test for it, budget included. */
export function isEnabled(config: ModelConfig, state: State, action: Action): boolean {
  const module = stepModule(action.type);
  if (faultOf(module, state, action)) {
    const kind = module.fault!.budget(action);
    if (state.faultsUsed[kind] >= config.faults[kind]) return false;
  }
  return module.guard(config, state, action);
}

/**
 * Whether nothing but faults is enabled (or nothing is): `enabled` with every action a fault,
 * found without listing them all, since one protocol step that can happen answers it.
 */
export function onlyFaultsEnabled(config: ModelConfig, state: State): boolean {
  for (const { module, candidates } of compile(config).possible) {
    for (const action of candidates) {
      if (faultOf(module, state, action)) continue;
      if (module.guard(config, state, action)) return false;
    }
  }
  return true;
}

/** The next state: the step's effect, the budget a fault spends, then the reactions to what changed. */
export function step(config: ModelConfig, state: State, action: Action): State {
  const module = stepModule(action.type);
  let after = module.effect(config, state, action);
  if (faultOf(module, state, action)) {
    const kind = module.fault!.budget(action);
    after = { ...after, faultsUsed: { ...after.faultsUsed, [kind]: after.faultsUsed[kind] + 1 } };
  }
  return react(config, state, after);
}

/**
 * What may happen once faults stop (the heal phase): every protocol step, crashed processes
 * restarting, and the faults that declare they still fire then, without regard to their budget
 * (a request timeout where a lost message stalled a connection; with `late`, delivery.timeout.ms
 * for work going round in circles).
 */
export function healEnabled(config: ModelConfig, state: State, late: boolean): readonly Action[] {
  const actions = enabled(config, state).filter((a) => !isFault(state, a));
  for (const { module, candidates } of compile(config).steps) {
    const heal = module.fault?.heal;
    if (heal === undefined) continue;
    for (const action of candidates) {
      if (heal(config, state, action, late) && module.guard(config, state, action)) actions.push(action);
    }
  }
  return actions;
}
