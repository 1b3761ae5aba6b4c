/** The protocol a check ran against, in words: Kafka's version and every variant switched from it. */
import { defaultConfig, type ProtocolVariants, variantTable } from '../../model/index.ts';

/**
 * Every protocol variant with each of its values, in the words reports use, from the model's
 * variant table. The --variant option takes its names and values from here.
 */
export const variantWords: {
  readonly [K in keyof ProtocolVariants]: Readonly<Record<ProtocolVariants[K], string>>;
} = {
  truncation: wordsOf(variantTable.truncation),
  firstSequence: wordsOf(variantTable.firstSequence),
  transactionVersion: wordsOf(variantTable.transactionVersion),
  lso: wordsOf(variantTable.lso),
  abortInFlight: wordsOf(variantTable.abortInFlight),
  txnOffsetFencing: wordsOf(variantTable.txnOffsetFencing),
  requireStable: wordsOf(variantTable.requireStable),
  consumerPositionValidation: wordsOf(variantTable.consumerPositionValidation),
};

function wordsOf<V extends string>(
  table: Readonly<Record<V, { readonly words: string }>>,
): Record<V, string> {
  return Object.fromEntries(Object.entries<{ words: string }>(table).map(([k, v]) => [k, v.words])) as Record<
    V,
    string
  >;
}

export const KAFKA_VERSION = 'Apache Kafka 3.9 (KRaft)';

export function describeProtocol(variants: ProtocolVariants): string {
  const changed = (Object.keys(variantWords) as (keyof ProtocolVariants)[])
    .filter((k) => variants[k] !== defaultConfig.variants[k])
    .map((k) => (variantWords[k] as Record<string, string>)[variants[k]]!);
  return changed.length === 0 ? KAFKA_VERSION : `${KAFKA_VERSION} with ${changed.join(' and ')}`;
}
