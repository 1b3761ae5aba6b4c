/** `deliverycheck presets`: the shipped scenarios, their Kafka settings and fault budgets. */
import type { Command } from 'commander';
import { faultOptions, formatFaults, variantPairs } from '../config/faults.ts';
import { allPresets } from '../config/presets.ts';
import { out, paintFor } from './output.ts';

export function registerPresets(program: Command): void {
  program
    .command('presets')
    .description('list the shipped scenarios')
    .option('--json', 'print one JSON object on stdout and nothing else there')
    .action((options: { json?: boolean }) => {
      if (options.json === true) {
        // Faults and variants are named as --faults and --variant take them, here as everywhere a user
        // reads or types them.
        const shown = allPresets.map((p) => ({
          ...p,
          scenario: {
            ...p.scenario,
            faults: Object.fromEntries(
              faultOptions.map((o) => [o.name, p.scenario.faults?.[o.kind] ?? 0] as const),
            ),
            variants: Object.fromEntries(variantPairs(p.scenario.variants ?? {})),
          },
        }));
        out(JSON.stringify({ presets: shown }, null, 2));
        return;
      }
      const paint = paintFor(false);
      for (const p of allPresets) {
        out(`${paint.bold(p.name)}  ${paint.dim(`[${p.group}]`)}`);
        out(`  ${p.title}`);
        out(`  ${p.question}`);
        out(
          `  settings: ${Object.entries(p.kafka)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`,
        );
        out(
          `  faults:   ${formatFaults(p.scenario.faults ?? {})}${p.scenario.onFailure ? `; on failure: ${p.scenario.onFailure}` : ''}`,
        );
        const variants = variantPairs(p.scenario.variants ?? {});
        if (variants.length > 0) out(`  variants: ${variants.map(([k, v]) => `${k}=${v}`).join(' ')}`);
        out('');
      }
    });
}
