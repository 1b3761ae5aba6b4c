/**
 * Judges a run as it unfolds: every property on every state and step until it first breaks,
 * the end-to-end ones after the heal phase, and counts the witnessed events. The judging is
 * judge.ts's loop, skipping the properties already broken.
 */
import type { Ending, Model } from './contract.ts';
import { type Broken, judgeAll, type Moment } from './judge.ts';

export interface Violation {
  readonly property: string;
  readonly message: string;
  readonly evidence: unknown;
  /** Applied steps up to the state where the property broke (0: the initial state). */
  readonly step: number;
  /** `safety`: judged on a state or step; `end`: judged after the heal phase. */
  readonly kind: 'safety' | 'end';
}

export class Tracker<S, A> {
  readonly violations: Violation[] = [];
  readonly witnessed: Map<string, number> = new Map();
  private readonly broken = new Set<string>();

  constructor(private readonly model: Model<S, A>) {}

  /** A copy that judges on from where this one stands, leaving this one as it is. */
  fork(): Tracker<S, A> {
    const copy = new Tracker(this.model);
    copy.violations.push(...this.violations);
    for (const [name, n] of this.witnessed) copy.witnessed.set(name, n);
    for (const name of this.broken) copy.broken.add(name);
    return copy;
  }

  private judge(moment: Moment<S, A>, step: number): void {
    for (const b of judgeAll(this.model.judges, moment, { skip: this.broken })) this.record(b, step);
  }

  private record(b: Broken, step: number): void {
    this.broken.add(b.property);
    this.violations.push({
      property: b.property,
      message: b.message,
      evidence: b.evidence,
      step,
      kind: b.kind,
    });
  }

  isBroken(name: string): boolean {
    return this.broken.has(name);
  }

  state(state: S, step: number): void {
    this.judge({ on: 'state', state }, step);
  }

  transition(before: S, action: A, after: S, step: number): void {
    for (const w of this.model.witnesses) {
      if (w.seen(before, action, after)) this.witnessed.set(w.name, (this.witnessed.get(w.name) ?? 0) + 1);
    }
    this.judge({ on: 'step', before, action, after }, step);
    this.state(after, step);
  }

  end(state: S, ending: Ending, step: number): void {
    this.judge({ on: 'end', state, ending }, step);
  }
}
