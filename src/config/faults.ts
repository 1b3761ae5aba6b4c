/**
 * The values of --faults (crash=1,network=2,...) and --variant (truncation=high-watermark), in
 * kebab-case as typed, mapped onto the model's budgets and protocol variants.
 */
import type { FaultBudget, ProtocolVariants } from '../../model/index.ts';
import { ConfigError } from './resolve.ts';

/** Fault budget names as typed on the command line. */
export const faultNames: Readonly<Record<string, keyof FaultBudget>> = {
  crash: 'crash',
  'power-loss': 'powerLoss',
  network: 'network',
  'delivery-timeout': 'deliveryTimeout',
  isr: 'isr',
  'producer-restart': 'producerRestart',
};

/** Protocol variants as typed on the command line, with their values. */
export const variantNames: {
  readonly [name: string]: { readonly key: keyof ProtocolVariants; readonly values: readonly string[] };
} = {
  truncation: { key: 'truncation', values: ['leader-epoch', 'high-watermark'] },
  'first-sequence': { key: 'firstSequence', values: ['accept-any', 'zero-on-empty-log'] },
};

export function parseFaults(text: string): Partial<FaultBudget> {
  const budget: Partial<Record<keyof FaultBudget, number>> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)) {
    const [name, value, ...rest] = part.split('=');
    const key = faultNames[name?.trim() ?? ''];
    if (key === undefined || value === undefined || rest.length > 0) {
      throw new ConfigError(
        'InvalidScenario',
        `--faults takes NAME=N pairs with NAME one of ${Object.keys(faultNames).join(', ')}; got ${JSON.stringify(part)}`,
      );
    }
    const n = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || n > 9) {
      throw new ConfigError(
        'InvalidScenario',
        `--faults ${name}= must be a whole number from 0 to 9; got ${JSON.stringify(value)}`,
      );
    }
    budget[key] = n;
  }
  return budget;
}

export function parseVariant(text: string): Partial<ProtocolVariants> {
  const [name, value, ...rest] = text.split('=').map((s) => s.trim());
  const variant = variantNames[name ?? ''];
  if (variant === undefined || rest.length > 0) {
    throw new ConfigError(
      'InvalidScenario',
      `--variant takes NAME=VALUE with NAME one of ${Object.keys(variantNames).join(', ')}; got ${JSON.stringify(text)}`,
    );
  }
  if (value === undefined || !variant.values.includes(value)) {
    throw new ConfigError(
      'InvalidScenario',
      `--variant ${name} must be one of ${variant.values.join(', ')}; got ${JSON.stringify(value ?? '')}`,
    );
  }
  return { [variant.key]: value } as Partial<ProtocolVariants>;
}

/** The inverse of parseFaults: the budgets that are not zero, as typed on the command line. */
export function formatFaults(budget: Partial<FaultBudget>): string {
  const given = Object.entries(faultNames)
    .filter(([, key]) => (budget[key] ?? 0) > 0)
    .map(([name, key]) => `${name}=${budget[key]}`);
  return given.length === 0 ? 'none' : given.join(',');
}
