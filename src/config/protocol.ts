/** The protocol a check ran against, in words: Kafka's version and every variant switched from it. */
import { defaultConfig, type ProtocolVariants } from '../../model/index.ts';

/**
 * Every protocol variant with each of its values, in the words reports use. The mapped type makes
 * the compiler demand an entry for every key of ProtocolVariants and every value of each; the
 * --variant option takes its names and values from here.
 */
export const variantWords: {
  readonly [K in keyof ProtocolVariants]: Readonly<Record<ProtocolVariants[K], string>>;
} = {
  truncation: {
    'leader-epoch': 'leader-epoch truncation (KIP-101, KIP-279)',
    'high-watermark': 'pre-KIP-101 high-watermark truncation',
  },
  firstSequence: {
    'accept-any': 'any first sequence from an unknown producer',
    'zero-on-empty-log': 'KAFKA-15591 (first batch on an empty partition must start at sequence 0)',
  },
};

export const KAFKA_VERSION = 'Apache Kafka 3.9 (KRaft)';

export function describeProtocol(variants: ProtocolVariants): string {
  const changed = (Object.keys(variantWords) as (keyof ProtocolVariants)[])
    .filter((k) => variants[k] !== defaultConfig.variants[k])
    .map((k) => (variantWords[k] as Record<string, string>)[variants[k]]!);
  return changed.length === 0 ? KAFKA_VERSION : `${KAFKA_VERSION} with ${changed.join(' and ')}`;
}
