/** InterPodAffinity: every scheduler.json case (scoring_test.go). */
import { describe, expect, it } from 'vitest';
import { computeExpected, expectedFor132, vectorCases } from '../../testing/vectors';
import { Name, New } from './inter-pod-affinity';

describe('InterPodAffinity vectors', () => {
  const cases = vectorCases(Name);
  it('has the 3 upstream cases', () => expect(cases).toHaveLength(3));
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(computeExpected(c, (w) => New(undefined, w.handle))).toEqual(expectedFor132(c));
  });
});
