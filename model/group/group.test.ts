// Reading the pipeline's part of a configuration and a state: a missing part is a model bug, named.
import { describe, expect, it } from 'vitest';
import { initialState } from '../state.ts';
import { configWith, exactlyOnceConfig, noFaults } from '../testing.ts';
import { instanceAt, partitionsIn, pipelineConfig, pipelineOf } from './group.ts';

describe('pipeline accessors', () => {
  const plain = configWith({ faults: noFaults });

  it('a configuration or a state without a pipeline has none to read: a RangeError names it', () => {
    // Expected: both accessors throw with their message instead of handing out nothing.
    expect(() => pipelineConfig(plain)).toThrow('the configuration has no pipeline');
    expect(() => pipelineOf(initialState(plain))).toThrow('the state has no pipeline');
  });

  it('an instance slot the pipeline does not have is a RangeError naming it', () => {
    // Expected: exactlyOnceConfig has one instance, so slot 3 is refused.
    expect(() => instanceAt(initialState(exactlyOnceConfig()), 3)).toThrow('no application instance 3');
  });
});

describe('partitionsIn', () => {
  it("lists the set's partitions below the partition count, ascending", () => {
    // Expected: of bits 0, 2 and 3, only 0 is below a count of 2.
    expect(partitionsIn(0b1101, 2)).toEqual([0]);
    expect(partitionsIn(0b1101, 4)).toEqual([0, 2, 3]);
  });
});
