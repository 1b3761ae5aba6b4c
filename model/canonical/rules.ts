/**
 * The twelve rule instances of the canonical model, in the anchor's order: send,
 * answer_delivered, answer_lost, fetch(f), crash_follower(f) and crash_leader_elect(nl) for each
 * broker. Each is one atomic step, as in SPIN's and Rumur's versions. `step` copies the state and
 * never changes its argument.
 */
import { BROKERS, type CanonicalConfig, CRASHES, type Layout, LOST, layoutFor } from './model.ts';

export type CanonicalState = Uint8Array;
/** A rule instance: its index in `ruleNames`. */
export type Rule = number;

export const SEND = 0;
export const ANSWER_DELIVERED = 1;
export const ANSWER_LOST = 2;
export const FETCH = 3;
export const CRASH_FOLLOWER = 6;
export const CRASH_LEADER_ELECT = 9;
export const RULES = 12;

export const ruleNames: readonly string[] = [
  'send',
  'answer_delivered',
  'answer_lost',
  ...[0, 1, 2].map((f) => `fetch(b${f})`),
  ...[0, 1, 2].map((f) => `crash_follower(b${f})`),
  ...[0, 1, 2].map((nl) => `crash_leader_elect(b${nl})`),
];

export function ruleKind(rule: Rule): string {
  if (rule < FETCH) return ruleNames[rule]!;
  if (rule < CRASH_FOLLOWER) return 'fetch';
  if (rule < CRASH_LEADER_ELECT) return 'crash_follower';
  return 'crash_leader_elect';
}

export interface Rules {
  readonly layout: Layout;
  readonly initial: CanonicalState;
  readonly enabled: (s: CanonicalState) => Rule[];
  readonly step: (s: CanonicalState, rule: Rule) => CanonicalState;
  /** `step` into `into` (a state's length), which it returns; `s` is left unchanged. */
  readonly stepInto: (s: CanonicalState, rule: Rule, into: Uint8Array) => CanonicalState;
}

export function canonicalRules(config: CanonicalConfig): Rules {
  const L = layoutFor(config.records);
  const { maxLog, leo, hw, up, leader, cur, waiting, reqOff, lost } = L;
  const n = config.records;

  const initial = new Uint8Array(L.size);
  for (let b = 0; b < BROKERS; b++) initial[up + b] = 1;
  initial[cur] = 1;

  const crashes = (s: CanonicalState) => BROKERS - s[up]! - s[up + 1]! - s[up + 2]!;

  /** UpdHW: the leader's high watermark rises to the smallest log end among in-sync replicas. */
  function updateHighWatermark(s: CanonicalState): void {
    let min = 255;
    for (let b = 0; b < BROKERS; b++) if (s[up + b] === 1 && s[leo + b]! < min) min = s[leo + b]!;
    const l = s[leader]!;
    if (min > s[hw + l]!) s[hw + l] = min;
  }

  function answerable(s: CanonicalState): boolean {
    return s[waiting] === 1 && (!config.acksAll || s[hw + s[leader]!]! > s[reqOff]!);
  }

  function enabled(s: CanonicalState): Rule[] {
    const rules: Rule[] = [];
    const l = s[leader]!;
    if (s[cur]! <= n && s[waiting] === 0) rules.push(SEND);
    if (answerable(s)) {
      rules.push(ANSWER_DELIVERED);
      if (s[lost]! < LOST) rules.push(ANSWER_LOST);
    }
    for (let f = 0; f < BROKERS; f++) {
      if (f !== l && s[up + f] === 1 && (s[leo + f]! < s[leo + l]! || s[hw + f]! < s[hw + l]!))
        rules.push(FETCH + f);
    }
    const canCrash = crashes(s) < CRASHES;
    if (canCrash)
      for (let f = 0; f < BROKERS; f++) if (f !== l && s[up + f] === 1) rules.push(CRASH_FOLLOWER + f);
    if (canCrash)
      for (let nl = 0; nl < BROKERS; nl++)
        if (nl !== l && s[up + nl] === 1) rules.push(CRASH_LEADER_ELECT + nl);
    return rules;
  }

  function send(s: CanonicalState): void {
    const l = s[leader]!;
    const end = s[leo + l]!;
    let pos = end;
    if (config.idempotent) {
      for (let k = 0; k < end; k++) {
        if (s[l * maxLog + k] === s[cur]) {
          pos = k;
          break;
        }
      }
    }
    if (pos === end) {
      s[l * maxLog + end] = s[cur]!;
      s[leo + l] = end + 1;
      updateHighWatermark(s);
    }
    s[reqOff] = pos;
    s[waiting] = 1;
  }

  function fetch(s: CanonicalState, f: number): void {
    const l = s[leader]!;
    const end = s[leo + f]!;
    if (end < s[leo + l]!) {
      s[f * maxLog + end] = s[l * maxLog + end]!;
      s[leo + f] = end + 1;
    }
    updateHighWatermark(s);
    s[hw + f] = Math.min(s[hw + l]!, s[leo + f]!);
  }

  /** The leader crashes and `nl` takes over: live replicas truncate to its log end. */
  function crashLeaderElect(s: CanonicalState, nl: number): void {
    s[up + s[leader]!] = 0;
    s[leader] = nl;
    const end = s[leo + nl]!;
    for (let j = 0; j < BROKERS; j++) {
      if (j === nl || s[up + j] === 0 || s[leo + j]! <= end) continue;
      s.fill(0, j * maxLog + end, j * maxLog + s[leo + j]!);
      s[leo + j] = end;
      if (s[hw + j]! > end) s[hw + j] = end;
    }
    updateHighWatermark(s);
    s[waiting] = 0;
    s[reqOff] = 0;
  }

  function step(before: CanonicalState, rule: Rule): CanonicalState {
    return stepInto(before, rule, new Uint8Array(before.length));
  }

  function stepInto(before: CanonicalState, rule: Rule, s: Uint8Array): CanonicalState {
    s.set(before);
    if (rule === SEND) send(s);
    else if (rule === ANSWER_DELIVERED || rule === ANSWER_LOST) {
      if (rule === ANSWER_DELIVERED) s[cur] = s[cur]! + 1;
      else s[lost] = s[lost]! + 1;
      s[waiting] = 0;
      s[reqOff] = 0;
    } else if (rule < CRASH_FOLLOWER) fetch(s, rule - FETCH);
    else if (rule < CRASH_LEADER_ELECT) {
      s[up + rule - CRASH_FOLLOWER] = 0;
      updateHighWatermark(s);
    } else crashLeaderElect(s, rule - CRASH_LEADER_ELECT);
    return s;
  }

  return { layout: L, initial, enabled, step, stepInto };
}
