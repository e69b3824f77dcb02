/** NodeResourcesBalancedAllocation: every scheduler.json case (balanced_allocation_test.go). */
import { describe, expect, it } from 'vitest';
import { computeExpected, expectedFor132, vectorCases } from '../../testing/vectors';
import { Name, New } from './node-resources-balanced-allocation';

describe('NodeResourcesBalancedAllocation vectors', () => {
  const cases = vectorCases(Name);
  it('has the 4 upstream cases', () => expect(cases).toHaveLength(4));
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(computeExpected(c, (w) => New({ resources: c.input['resources'] }, w.handle))).toEqual(expectedFor132(c));
  });
});
