// The partition.assignment.strategy assignors, on one topic, for members in slot order.
import { describe, expect, it } from 'vitest';
import type { AssignorName } from '../config.ts';
import { assign } from './assignors.ts';

/** Each member's partitions, ascending, by member. */
function assignment(
  assignor: AssignorName,
  members: number[],
  partitions: number,
  previous: number[] = [],
): number[][] {
  const out = assign(assignor, { members, partitions, previous });
  return members.map((m) => {
    const bits = out.get(m)!;
    return [...Array(partitions).keys()].filter((p) => ((bits >> p) & 1) === 1);
  });
}

describe('assign', () => {
  it('RoundRobinAssignor hands partition p to the (p mod n)-th member, whatever each had before (RoundRobinAssignor.assign)', () => {
    // Expected: with two members and three partitions, member 0 gets 0 and 2, member 1 gets 1; previous ownership is ignored.
    expect(assignment('roundrobin', [0, 1], 3, [0b010, 0b001])).toEqual([[0, 2], [1]]);
    // Expected: no bit beyond the topic's partitions.
    expect(assign('roundrobin', { members: [0, 1], partitions: 3, previous: [] })).toEqual(
      new Map([
        [0, 0b101],
        [1, 0b010],
      ]),
    );
  });

  it('RoundRobinAssignor gives a member left without partitions an empty assignment (RoundRobinAssignor.assign)', () => {
    // Expected: with three members and two partitions, member 2 is assigned nothing, and is in the assignment.
    const out = assign('roundrobin', { members: [0, 1, 2], partitions: 2, previous: [] });
    expect([...out.entries()]).toEqual([
      [0, 0b01],
      [1, 0b10],
      [2, 0],
    ]);
  });

  it('RangeAssignor gives contiguous ranges, the first members one more (RangeAssignor.assign)', () => {
    // Expected: three partitions over two members are [0, 1] and [2].
    expect(assignment('range', [0, 1], 3)).toEqual([[0, 1], [2]]);
  });

  it('StickyAssignor without previous ownership deals partitions to the member with the fewest, the first on ties (AbstractStickyAssignor)', () => {
    // Expected: two partitions over two new members go one each, partition 0 to member 0.
    expect(assignment('sticky', [0, 1], 2)).toEqual([[0], [1]]);
  });

  it('StickyAssignor keeps a member its previous partitions up to its quota, the extra one going to a member that had more than the floor (AbstractStickyAssignor.assignOwnedPartitions)', () => {
    // Expected: member 0 had 0-2 and keeps 0 and 1 (quota 2), member 1 keeps 3, the new member 2 takes the freed 2.
    expect(assignment('sticky', [0, 1, 2], 4, [0b0111, 0b1000, 0])).toEqual([[0, 1], [3], [2]]);
  });

  it('CooperativeStickyAssignor: a member that had no more than the floor does not use up the one bigger quota (AbstractStickyAssignor)', () => {
    // Expected: the new member 0 and member 2 keep the floor, member 1 keeps 0 and 1 of its 0-2, and 2 goes to member 0.
    expect(assignment('cooperative-sticky', [0, 1, 2], 4, [0, 0b0111, 0b1000])).toEqual([[2], [0, 1], [3]]);
    // Expected: member 0 holding exactly the floor keeps its 3 only, so member 1 keeps 0 and 1 of its 0-2.
    expect(assignment('cooperative-sticky', [0, 1, 2], 4, [0b1000, 0b0111, 0])).toEqual([[3], [0, 1], [2]]);
  });

  it('CooperativeStickyAssignor: only partitions mod members members may hold one more than the floor (AbstractStickyAssignor)', () => {
    // Expected: with one bigger quota, member 0 keeps 0 and 1, member 1 only 2 of its 2-3, and member 2 takes 3.
    expect(assignment('cooperative-sticky', [0, 1, 2], 4, [0b0011, 0b1100, 0])).toEqual([[0, 1], [2], [3]]);
  });

  it('a group without members has no assignment (ConsumerPartitionAssignor.assign)', () => {
    // Expected: an empty map, whatever the assignor.
    expect(assign('roundrobin', { members: [], partitions: 2, previous: [] }).size).toBe(0);
  });
});
