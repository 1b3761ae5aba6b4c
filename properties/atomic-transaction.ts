/**
 * atomic-transaction: a transaction's records become visible to read_committed together, on
 * every partition it wrote, or never (KIP-98). No record of a transaction the application saw
 * aborted is ever visible; once faults stop, every transaction it saw committed is visible
 * whole, and one whose end it never learned (its instance died or was fenced) is visible whole
 * or not at all.
 */
import type { ModelConfig, RecordRef, State } from '../model/index.ts';
import { committedRecords, describeRecord } from './observe.ts';
import { holds, type Judgement, type Property, violated } from './property.ts';

/** Every record read_committed can see, by producer and send. */
function visibleSends(state: State): Set<string> {
  const visible = new Set<string>();
  for (let partition = 0; partition < state.partitions.length; partition++) {
    for (const r of committedRecords(state, partition) ?? []) visible.add(`${r.ref.producer}:${r.ref.send}`);
  }
  return visible;
}

function describe(state: State, config: ModelConfig, ref: RecordRef): string {
  return describeRecord(ref.producer, state.sends[ref.producer]![ref.send]!.record, config);
}

function abortedVisible(config: ModelConfig, state: State, visible: Set<string>): Judgement {
  for (let producer = 0; producer < state.sends.length; producer++) {
    const sends = state.sends[producer]!;
    for (let send = 0; send < sends.length; send++) {
      const attempt = sends[send]!.attempt;
      if (attempt < 0 || state.attempts[producer]![attempt] !== 'aborted') continue;
      if (!visible.has(`${producer}:${send}`)) continue;
      return violated(
        `${describe(state, config, { producer, send })} was sent in transaction attempt ${attempt}, which the application saw aborted, yet read_committed sees it`,
        { producer, send, attempt },
      );
    }
  }
  return holds;
}

function wholeOrNothing(config: ModelConfig, state: State): Judgement {
  if (state.transactions.length === 0) return holds;
  const visible = visibleSends(state);
  const aborted = abortedVisible(config, state, visible);
  if (!aborted.holds) return aborted;
  for (let producer = 0; producer < state.attempts.length; producer++) {
    for (let attempt = 0; attempt < state.attempts[producer]!.length; attempt++) {
      const outcome = state.attempts[producer]![attempt]!;
      const refs: RecordRef[] = [];
      state.sends[producer]!.forEach((s, send) => {
        if (s.attempt === attempt) refs.push({ producer, send });
      });
      const seen = refs.filter((r) => visible.has(`${r.producer}:${r.send}`));
      const missing = refs.filter((r) => !visible.has(`${r.producer}:${r.send}`));
      if (seen.length === 0 || missing.length === 0) {
        if (outcome === 'committed' && missing.length > 0) {
          return violated(
            `transaction attempt ${attempt} of producer ${producer} was committed, but read_committed never sees ${describe(state, config, missing[0]!)}`,
            { producer, attempt, missing },
          );
        }
        continue;
      }
      return violated(
        `transaction attempt ${attempt} of producer ${producer} (${outcome}) is visible only in part: read_committed sees ${describe(state, config, seen[0]!)} but not ${describe(state, config, missing[0]!)}`,
        { producer, attempt, outcome, seen, missing },
      );
    }
  }
  return holds;
}

export const atomicTransaction: Property = {
  name: 'atomic-transaction',
  guarantee:
    "A transaction's records become visible to read_committed together on every partition it wrote, or never (KIP-98).",
  always: (config, state) =>
    state.transactions.length === 0 ? holds : abortedVisible(config, state, visibleSends(state)),
  atEnd: (config, state) => wholeOrNothing(config, state),
};
