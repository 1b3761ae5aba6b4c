/**
 * Judges a run as it unfolds: every property on every state and step until it first breaks,
 * the end-to-end ones after the heal phase, and counts the witnessed events.
 */
import type { Ending, Judgement, Model } from './contract.ts';

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

  private record(name: string, j: Judgement, step: number, kind: Violation['kind']): void {
    if (j.holds || this.broken.has(name)) return;
    this.broken.add(name);
    this.violations.push({ property: name, message: j.message, evidence: j.evidence, step, kind });
  }

  isBroken(name: string): boolean {
    return this.broken.has(name);
  }

  state(state: S, step: number): void {
    for (const judge of this.model.judges) {
      if (judge.always && !this.broken.has(judge.name))
        this.record(judge.name, judge.always(state), step, 'safety');
    }
  }

  transition(before: S, action: A, after: S, step: number): void {
    for (const w of this.model.witnesses) {
      if (w.seen(before, action, after)) this.witnessed.set(w.name, (this.witnessed.get(w.name) ?? 0) + 1);
    }
    for (const judge of this.model.judges) {
      if (judge.everyStep && !this.broken.has(judge.name)) {
        this.record(judge.name, judge.everyStep(before, action, after), step, 'safety');
      }
    }
    this.state(after, step);
  }

  end(state: S, ending: Ending, step: number): void {
    for (const judge of this.model.judges) {
      if (judge.atEnd && !this.broken.has(judge.name))
        this.record(judge.name, judge.atEnd(state, ending), step, 'end');
    }
  }
}
