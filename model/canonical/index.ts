export { noDuplicate, noLoss, type Verdict } from './invariants.ts';
export { BROKERS, type CanonicalConfig, type Layout, layoutFor } from './model.ts';
export { type CanonicalState, canonicalRules, type Rule, type Rules, ruleKind, ruleNames } from './rules.ts';
