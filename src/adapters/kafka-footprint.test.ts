// Every step module's declared footprint covers what the step really reads and writes: measured
// on every preset's states near the start and along seeded random walks, and the measured step
// reaches the same state as the plain one. What the step properties look at when they judge the
// step counts as read. The sleep sets' soundness rests on this.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { bitNames, layoutOf, uncovered } from '../../model/footprint.ts';
import { measureStep } from '../../model/footprint-measure.ts';
import { type Action, footprintsOf, type State } from '../../model/index.ts';
import { presets } from '../config/presets.ts';
import { resolvePreset } from '../config/resolve.ts';
import { kafkaModel } from './kafka.ts';

const DEPTH = 4;
const MOST_STATES = 1_500;
const WALKS = 20;
const WALK_LENGTH = 40;

describe('declared footprints', () => {
  it.each(presets.map((p) => p.name))('cover the measured ones on %s', (name) => {
    const resolved = resolvePreset(presets.find((p) => p.name === name)!);
    const { config } = resolved;
    const model = kafkaModel(config, 'all');
    const names = bitNames(layoutOf(config, model.initial));
    const declared = footprintsOf(config);
    const missing = new Set<string>();
    let measured = 0;
    const check = (state: State, action: Action) => {
      // The step properties judge every step the search takes: what they look at must be in the
      // footprint too, or a step left asleep could hide a judgement the one taken would not make.
      const m = measureStep(config, state, action, (before, after) => {
        for (const judge of model.judges) judge.everyStep?.(before, action, after);
      });
      measured++;
      expect(model.stateKey(m.after)).toBe(model.stateKey(model.step(state, action)));
      const gap = uncovered(declared[model.footprints!.id(action)]!, m.footprint);
      for (const bit of gap.reads) missing.add(`${action.type} reads ${names[bit]}`);
      for (const bit of gap.writes) missing.add(`${action.type} writes ${names[bit]}`);
    };
    let level = [model.initial];
    const seen = new Set([model.stateKey(model.initial)]);
    for (let d = 0; d < DEPTH && seen.size < MOST_STATES; d++) {
      const next: State[] = [];
      for (const state of level) {
        for (const action of model.enabled(state)) {
          check(state, action);
          const after = model.step(state, action);
          const key = model.stateKey(after);
          if (!seen.has(key)) {
            seen.add(key);
            next.push(after);
          }
        }
      }
      level = next;
    }
    const random = seedrandom(`footprints ${name}`);
    for (let w = 0; w < WALKS; w++) {
      let state = model.initial;
      for (let i = 0; i < WALK_LENGTH; i++) {
        const actions = model.enabled(state);
        if (actions.length === 0) break;
        for (const action of actions) check(state, action);
        state = model.step(state, actions[Math.floor(random() * actions.length)]!);
      }
    }
    expect(measured).toBeGreaterThan(0);
    expect([...missing].sort()).toEqual([]);
  });
});
