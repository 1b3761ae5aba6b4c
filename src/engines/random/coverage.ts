/**
 * What a random search covered, so that "nothing found" says how far it looked: the distinct
 * states its runs went through (by fingerprint, the prefix pool's own states not counted) and
 * the longest run. It watches only; no decision of the search depends on it.
 */
import { encoderFor } from '../bfs/bfs.ts';
import { Fingerprint } from '../bfs/fingerprint.ts';
import type { Model } from '../contract.ts';

export interface CoverageFigures {
  /** Distinct states the runs went through. */
  readonly states: number;
  /** Steps of the longest run, the heal phase included. */
  readonly longest: number;
}

export class Coverage<S, A> {
  private readonly seen = new Set<number>();
  private readonly fingerprint = new Fingerprint();
  private readonly encode: (state: S) => Uint8Array | string;
  private longestRun = 0;

  constructor(model: Model<S, A>) {
    this.encode = encoderFor(model, false);
  }

  /** A state a run went through. */
  readonly visit = (state: S): void => {
    const fp = this.fingerprint.of(this.encode(state));
    // 53 of the fingerprint's 64 bits: enough to count distinct states without loss in practice.
    this.seen.add((fp.hi & 0x1f_ffff) * 0x1_0000_0000 + (fp.lo >>> 0));
  };

  /** A run ended after `steps` steps. */
  ran(steps: number): void {
    if (steps > this.longestRun) this.longestRun = steps;
  }

  figures(): CoverageFigures {
    return { states: this.seen.size, longest: this.longestRun };
  }
}
