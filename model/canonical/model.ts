/**
 * The canonical replication model of `shared/anchors/README.md`: one partition on three brokers,
 * one producer sending records 1..N one request at a time, at most one broker crash (never
 * restarted) and at most one lost answer. It is deliberately tiny and written the way SPIN's and
 * Rumur's versions are, so the exhaustive explorer's state and edge counts can be held against
 * theirs exactly. A state is a byte array; the layout is below.
 */

export interface CanonicalConfig {
  /** Records the producer sends, 1..N. */
  readonly records: number;
  /** acks=all: the answer waits until the leader's high watermark passes the record. */
  readonly acksAll: boolean;
  /** The leader drops a record already in its log and answers with the first offset of it. */
  readonly idempotent: boolean;
}

export const BROKERS = 3;
export const CRASHES = 1;
export const LOST = 1;

/** Where each variable lives in the state's bytes, for one N. */
export interface Layout {
  readonly maxLog: number;
  readonly leo: number;
  readonly hw: number;
  readonly up: number;
  readonly leader: number;
  readonly cur: number;
  readonly waiting: number;
  readonly reqOff: number;
  readonly lost: number;
  readonly size: number;
}

/**
 * `log[b][k]` comes first, then the log end offsets, high watermarks, liveness, and the
 * producer's variables. The ISR, the leader epoch and the crash count are left out: each is
 * determined by the others (ISR = live brokers, epoch = crashes of a leader, crashes = brokers
 * down), which the anchor's README notes does not change the counts.
 */
export function layoutFor(records: number): Layout {
  const maxLog = records + CRASHES + LOST;
  const leo = BROKERS * maxLog;
  const hw = leo + BROKERS;
  const up = hw + BROKERS;
  const leader = up + BROKERS;
  return {
    maxLog,
    leo,
    hw,
    up,
    leader,
    cur: leader + 1,
    waiting: leader + 2,
    reqOff: leader + 3,
    lost: leader + 4,
    size: leader + 5,
  };
}
