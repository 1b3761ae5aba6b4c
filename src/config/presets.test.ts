/**
 * Every fault a preset budgets can happen in it: a budget the model can never spend (a
 * coordinator move with nowhere to move to) would make the preset's question cover less than it
 * says. Random walks from the seed spend each budgeted fault kind at least once.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { enabled, type FaultKind, faultKinds, initialState, step } from '../../model/index.ts';
import { presets } from './presets.ts';
import { resolvePreset } from './resolve.ts';

const WALKS = 400;
const STEPS = 150;

/** The budgeted fault kinds no walk spent. */
function unspent(name: string): FaultKind[] {
  const config = resolvePreset(presets.find((p) => p.name === name)!).config;
  const left = new Set(faultKinds.filter((k) => config.faults[k] > 0));
  const random = seedrandom(name);
  for (let walk = 0; walk < WALKS && left.size > 0; walk++) {
    let state = initialState(config);
    for (let i = 0; i < STEPS; i++) {
      const actions = enabled(config, state);
      if (actions.length === 0) break;
      state = step(config, state, actions[Math.floor(random() * actions.length)]!);
    }
    for (const k of [...left]) if (state.faultsUsed[k] > 0) left.delete(k);
  }
  return [...left];
}

describe('presets', () => {
  it('presets: every budgeted fault kind is spent in some random walk', () => {
    // Expected: no preset budgets a fault its setup cannot have.
    const never = presets
      .filter((p) => p.model !== 'canonical')
      .map((p) => [p.name, unspent(p.name)] as const)
      .filter(([, kinds]) => kinds.length > 0);
    expect(never).toEqual([]);
  });
});
