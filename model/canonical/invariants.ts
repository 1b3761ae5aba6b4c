/**
 * The canonical model's two invariants, judged on every state as SPIN and Rumur do: NoLoss (every
 * acknowledged record is in the leader's log) and NoDuplicate (no record is twice in it).
 */

import type { Layout } from './model.ts';
import type { CanonicalState } from './rules.ts';

export type Verdict =
  | { readonly holds: true }
  | { readonly holds: false; readonly message: string; readonly evidence: unknown };

const holds: Verdict = { holds: true };

function leaderLog(s: CanonicalState, L: Layout): Uint8Array {
  const l = s[L.leader]!;
  return s.subarray(l * L.maxLog, l * L.maxLog + s[L.leo + l]!);
}

export function noLoss(s: CanonicalState, L: Layout): Verdict {
  const log = leaderLog(s, L);
  for (let m = 1; m < s[L.cur]!; m++) {
    if (!log.includes(m)) {
      const leader = s[L.leader]!;
      return {
        holds: false,
        message: `record ${m} was acknowledged, but the log of leader b${leader} (${log.length} records) does not have it`,
        evidence: { record: m, leader, log: [...log] },
      };
    }
  }
  return holds;
}

export function noDuplicate(s: CanonicalState, L: Layout): Verdict {
  const log = leaderLog(s, L);
  for (let k = 1; k < log.length; k++) {
    const first = log.indexOf(log[k]!);
    if (first < k) {
      return {
        holds: false,
        message: `record ${log[k]} is in the log of leader b${s[L.leader]} twice, at offsets ${first} and ${k}`,
        evidence: { record: log[k], offsets: [first, k], log: [...log] },
      };
    }
  }
  return holds;
}
