/**
 * The assignors of `partition.assignment.strategy`, as Kafka's classes compute them for one
 * topic: RangeAssignor (contiguous ranges, the first members taking one more), RoundRobinAssignor
 * (partition p to the p-th member round robin), StickyAssignor and CooperativeStickyAssignor (a
 * balanced assignment that keeps as much of each member's previous one as balance allows).
 * Members are taken in slot order, as Kafka sorts member ids.
 */
import type { AssignorName } from '../config.ts';
import { has } from './group.ts';

export interface AssignorInput {
  /** The members, ascending slots. */
  readonly members: readonly number[];
  readonly partitions: number;
  /** Each slot's previous assignment (sticky assignors keep it where balance allows). */
  readonly previous: readonly number[];
}

function range({ members, partitions }: AssignorInput): Map<number, number> {
  const out = new Map<number, number>();
  const per = Math.floor(partitions / members.length);
  const extra = partitions % members.length;
  let next = 0;
  members.forEach((m, i) => {
    const n = per + (i < extra ? 1 : 0);
    let set = 0;
    for (let k = 0; k < n; k++) set |= 1 << next++;
    out.set(m, set);
  });
  return out;
}

function roundRobin({ members, partitions }: AssignorInput): Map<number, number> {
  const out = new Map<number, number>(members.map((m) => [m, 0]));
  for (let p = 0; p < partitions; p++) {
    const m = members[p % members.length]!;
    out.set(m, out.get(m)! | (1 << p));
  }
  return out;
}

function count(set: number): number {
  let n = 0;
  for (let s = set; s !== 0; s &= s - 1) n++;
  return n;
}

/**
 * Balanced and sticky: each member keeps its previous partitions up to its quota (the first
 * `partitions mod members` members may hold one more), and the rest go, ascending, to the member
 * with the fewest.
 */
function sticky({ members, partitions, previous }: AssignorInput): Map<number, number> {
  const floor = Math.floor(partitions / members.length);
  let bigger = partitions % members.length;
  const out = new Map<number, number>();
  let taken = 0;
  for (const m of members) {
    let set = 0;
    const prev = previous[m] ?? 0;
    const quota = count(prev) > floor && bigger > 0 ? floor + 1 : floor;
    if (quota > floor) bigger--;
    for (let p = 0; p < partitions && count(set) < quota; p++) {
      if (has(prev, p) && !has(taken, p)) set |= 1 << p;
    }
    taken |= set;
    out.set(m, set);
  }
  for (let p = 0; p < partitions; p++) {
    if (has(taken, p)) continue;
    let best = members[0]!;
    for (const m of members) if (count(out.get(m)!) < count(out.get(best)!)) best = m;
    out.set(best, out.get(best)! | (1 << p));
    taken |= 1 << p;
  }
  return out;
}

/** Each member's assignment (a bit per partition), by slot. */
export function assign(assignor: AssignorName, input: AssignorInput): Map<number, number> {
  if (input.members.length === 0) return new Map();
  switch (assignor) {
    case 'range':
      return range(input);
    case 'roundrobin':
      return roundRobin(input);
    case 'sticky':
    case 'cooperative-sticky':
      return sticky(input);
  }
}
