/** PodTopologySpread: every scheduler.json case (scoring_test.go). */
import { describe, expect, it } from 'vitest';
import { computeExpected, expectedFor132, vectorCases } from '../../testing/vectors';
import { Name, New } from './pod-topology-spread';

describe('PodTopologySpread vectors', () => {
  const cases = vectorCases(Name);
  it('has the 5 upstream cases', () => expect(cases).toHaveLength(5));
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(computeExpected(c, (w) => New(undefined, w.handle))).toEqual(expectedFor132(c));
  });
});
