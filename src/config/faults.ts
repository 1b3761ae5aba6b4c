/**
 * The values of --faults (crash=1,network=2,...) and --variant (truncation=high-watermark), in
 * kebab-case as typed, mapped onto the model's budgets and protocol variants. The tables are
 * derived from the model's types, so a new fault kind or variant cannot be forgotten here.
 */
import { type FaultBudget, type FaultKind, faultKinds, type ProtocolVariants } from '../../model/index.ts';
import { ConfigError, quoted } from './error.ts';
import { variantWords } from './protocol.ts';
import { closest } from './suggest.ts';

/** The most faults of one kind a schedule may inject: more only makes the search slower. */
export const FAULT_BUDGET_MAX = 9;

function kebabCase(camel: string): string {
  return camel.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

export interface FaultOption {
  /** As typed after --faults: `power-loss`. */
  readonly name: string;
  readonly kind: FaultKind;
}

/** Every fault budget, in the model's order. */
export const faultOptions: readonly FaultOption[] = faultKinds.map((kind) => ({
  name: kebabCase(kind),
  kind,
}));

export interface VariantOption {
  /** As typed after --variant: `first-sequence`. */
  readonly name: string;
  readonly key: keyof ProtocolVariants;
  readonly values: readonly string[];
}

export const variantOptions: readonly VariantOption[] = (
  Object.keys(variantWords) as (keyof ProtocolVariants)[]
).map((key) => ({ name: kebabCase(key), key, values: Object.keys(variantWords[key]) }));

/** Variants as --variant takes them: `first-sequence=zero-on-empty-log`, in the model's order. */
export function variantPairs(variants: Partial<ProtocolVariants>): [name: string, value: string][] {
  return variantOptions.flatMap((o) => {
    const value = variants[o.key];
    return value === undefined ? [] : [[o.name, String(value)] as [string, string]];
  });
}

function didYouMean(word: string, names: readonly string[]): string {
  const guess = closest(word, names);
  return guess === null ? '' : ` (did you mean ${JSON.stringify(guess)}?)`;
}

/** A fault budget as typed, or why it is not one; the flag is named so the message stands alone. */
export function parseFaultBudget(name: string, text: string): number {
  const n = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || n > FAULT_BUDGET_MAX) {
    throw new ConfigError(
      'InvalidScenario',
      `--faults ${name}= must be a whole number from 0 to ${FAULT_BUDGET_MAX}; got ${quoted(text)}`,
    );
  }
  return n;
}

/**
 * `crash=1,network=2`: each fault named once, each pair whole. An empty list, an empty pair or a
 * fault named twice is refused rather than read as something the user did not write.
 */
export function parseFaults(text: string): Partial<FaultBudget> {
  const names = faultOptions.map((o) => o.name);
  const pairs = `NAME=N pairs separated by commas, with NAME one of ${names.join(', ')}`;
  const budget: Partial<Record<FaultKind, number>> = {};
  for (const part of text.split(',').map((p) => p.trim())) {
    if (part.length === 0) {
      throw new ConfigError(
        'InvalidScenario',
        `--faults takes ${pairs}; got ${quoted(text)}, which has an empty pair`,
      );
    }
    const [name = '', value, ...rest] = part.split('=').map((s) => s.trim());
    const option = faultOptions.find((o) => o.name === name);
    if (option === undefined || value === undefined || rest.length > 0) {
      throw new ConfigError(
        'InvalidScenario',
        `--faults takes ${pairs}; got ${quoted(part)}` +
          (option === undefined ? didYouMean(name, names) : ''),
      );
    }
    if (budget[option.kind] !== undefined) {
      throw new ConfigError('InvalidScenario', `--faults names ${name} twice; give each fault one budget`);
    }
    budget[option.kind] = parseFaultBudget(name, value);
  }
  return budget;
}

export function parseVariant(text: string): Partial<ProtocolVariants> {
  const names = variantOptions.map((o) => o.name);
  const [name = '', value, ...rest] = text.split('=').map((s) => s.trim());
  const option = variantOptions.find((o) => o.name === name);
  if (option === undefined || rest.length > 0) {
    throw new ConfigError(
      'InvalidScenario',
      `--variant takes NAME=VALUE with NAME one of ${names.join(', ')}; got ${quoted(text)}` +
        (option === undefined ? didYouMean(name, names) : ''),
    );
  }
  checkVariantValue(option, value ?? '');
  // Checked against the table just above, so the value is one of the key's union members.
  return { [option.key]: value } as Partial<ProtocolVariants>;
}

/** Refuses a value the variant does not have, listing the ones it has. */
export function checkVariantValue(option: VariantOption, value: string): void {
  if (!option.values.includes(value)) {
    throw new ConfigError(
      'InvalidScenario',
      `--variant ${option.name} must be one of ${option.values.join(', ')}; got ${quoted(value)}` +
        didYouMean(value, option.values),
    );
  }
}

/** The inverse of parseFaults: the budgets that are not zero, as typed on the command line. */
export function formatFaults(budget: Partial<FaultBudget>): string {
  const given = faultOptions
    .filter((o) => (budget[o.kind] ?? 0) > 0)
    .map((o) => `${o.name}=${budget[o.kind]}`);
  return given.length === 0 ? 'none' : given.join(',');
}
