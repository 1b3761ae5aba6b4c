/**
 * The canonical replication model (`model/canonical/`) as the explorers see it: the anchor's
 * twelve rules, with NoLoss and NoDuplicate judged on every state. Faults are the lost answer and
 * the crashes; the rest is what heals.
 */
import {
  type CanonicalConfig,
  type Layout as CanonicalLayout,
  type CanonicalState,
  canonicalRules,
  noDuplicate,
  noLoss,
  type Rule,
  ruleKind,
  ruleNames,
} from '../../model/canonical/index.ts';
import type { Model } from '../engines/contract.ts';

export const canonicalInvariants = ['no-loss', 'no-duplicate'] as const;
export type CanonicalInvariant = (typeof canonicalInvariants)[number];

const faultKinds = ['answer_lost', 'crash_follower', 'crash_leader_elect'];
const kinds = ['send', 'answer_delivered', ...faultKinds.slice(0, 1), 'fetch', ...faultKinds.slice(1)];

/** Whether a canonical rule, by its anchor name (`crash_leader_elect(b1)`), injects a fault. */
export function isFaultRule(name: string): boolean {
  const rule = ruleNames.indexOf(name);
  return rule >= 0 && faultKinds.includes(ruleKind(rule));
}

export function canonicalModel(
  config: CanonicalConfig,
  judged: readonly CanonicalInvariant[] = canonicalInvariants,
): Model<CanonicalState, Rule> {
  const rules = canonicalRules(config);
  const L = rules.layout;
  const isFault = (_s: CanonicalState, rule: Rule) => faultKinds.includes(ruleKind(rule));
  const judges = [
    { name: 'no-loss', always: (s: CanonicalState) => noLoss(s, L) },
    { name: 'no-duplicate', always: (s: CanonicalState) => noDuplicate(s, L) },
  ].filter((j) => judged.includes(j.name as CanonicalInvariant));
  return {
    initial: rules.initial,
    enabled: rules.enabled,
    step: rules.step,
    stepInto: rules.stepInto,
    heal: (s) => rules.enabled(s).filter((rule) => !isFault(s, rule)),
    kinds,
    kindOf: ruleKind,
    faultKinds,
    isFault,
    faultWeight: () => 1,
    swarmable: (kind) => kind !== 'send',
    key: (rule) => ruleNames[rule]!,
    stateKey: (s) => s.join(','),
    encode: (s) => s,
    // step never writes to the state it is given, so a view into the queue serves as the state.
    decode: (bytes) => bytes as Uint8Array,
    encodeSymmetric: (s) => symmetric(s, L),
    judges,
    witnesses: [],
  };
}

const brokerPermutations = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

/**
 * The brokers are interchangeable (the leader is a variable, not a broker id): the class of a
 * state is represented by the smallest of its six renamings, byte by byte.
 */
function symmetric(s: CanonicalState, L: CanonicalLayout): Uint8Array {
  let best: Uint8Array | null = null;
  for (const to of brokerPermutations) {
    const r = s.slice();
    for (let b = 0; b < 3; b++) {
      const p = to[b]!;
      r.set(s.subarray(b * L.maxLog, (b + 1) * L.maxLog), p * L.maxLog);
      r[L.leo + p] = s[L.leo + b]!;
      r[L.hw + p] = s[L.hw + b]!;
      r[L.up + p] = s[L.up + b]!;
    }
    r[L.leader] = to[s[L.leader]!]!;
    if (best === null || Buffer.compare(r, best) < 0) best = r;
  }
  return best!;
}

/** What a `ModelFactory` naming this module carries (see src/adapters/spec.ts). */
export interface CanonicalFactoryConfig {
  readonly config: CanonicalConfig;
  readonly judged: readonly CanonicalInvariant[];
}

/** The well-known export a worker thread calls to build the model from factory data. */
export function createModel(factory: CanonicalFactoryConfig): Model<CanonicalState, Rule> {
  return canonicalModel(factory.config, factory.judged);
}
