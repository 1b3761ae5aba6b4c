// One spelling for every name a user reads or types, through the real binary: presets, variants,
// subcommands and trace files.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { variantOptions } from '../config/faults.ts';
import { allPresets } from '../config/presets.ts';
import { cli, scratch } from './testing.ts';

describe('names', () => {
  it('no subcommand prints the help on stderr and exits 2', () => {
    const run = cli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: deliverycheck');
    expect(run.stderr).toContain('check [options]');
  });

  it('a misspelt preset or subcommand gets a "did you mean"', () => {
    const preset = cli(['check', '--preset', 'durabel']);
    expect(preset.code).toBe(2);
    expect(preset.stderr).toContain('unknown preset "durabel" (did you mean "durable"?)');
    const command = cli(['chek']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('Did you mean check?');
  });

  it('presets lists every preset, the canonical model too, with variants spelt as --variant takes them', () => {
    const text = cli(['presets']).stdout;
    for (const p of allPresets) expect(text).toContain(`${p.name}  [${p.group}]`);
    expect(text).toContain('variants: first-sequence=zero-on-empty-log');
    expect(text).not.toMatch(/variants: [a-z]+[A-Z]/);
    const json = JSON.parse(cli(['presets', '--json']).stdout) as {
      presets: { name: string; scenario: { variants: Record<string, string> } }[];
    };
    expect(json.presets.map((p) => p.name)).toEqual(allPresets.map((p) => p.name));
    const typed = variantOptions.map((o) => o.name);
    for (const p of json.presets)
      for (const name of Object.keys(p.scenario.variants)) expect(typed).toContain(name);
    // What presets prints, --variant takes.
    const zombie = json.presets.find((p) => p.name === 'idempotent-zombie-expiry')!;
    const [[name, value]] = Object.entries(zombie.scenario.variants) as [[string, string]];
    const run = cli(['check', '--preset', 'durable', '--variant', `${name}=${value}`, '--runs', '10']);
    expect(run.code).toBe(0);
  });

  it('a trace file names its seed as --seed= takes it, a negative one with its sign', () => {
    const out = scratch();
    const run = cli(['check', '--preset', 'acks1-leader-failover', '--runs', '100', '--out', out]);
    expect(run.code).toBe(1);
    const names = readdirSync(out);
    expect(names.length).toBeGreaterThan(0);
    // Each counterexample's trace and its Markdown report.
    for (const name of names)
      expect(name).toMatch(/^acks1-leader-failover\.[a-z-]+\.seed=-?\d+\.(trace\.json|md)$/);
    const seed = /seed=(-?\d+)/.exec(names[0]!)![1]!;
    expect(run.stdout).toContain(`--seed=${seed} `);
  });
});
