/** NodeAffinity: every scheduler.json case (node_affinity_test.go). */
import { describe, expect, it } from 'vitest';
import { computeExpected, expectedFor132, vectorCases } from '../../testing/vectors';
import { Name, New } from './node-affinity';

describe('NodeAffinity vectors', () => {
  const cases = vectorCases(Name);
  it('has the 7 upstream cases', () => expect(cases).toHaveLength(7));
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(computeExpected(c, (w) => New(undefined, w.handle))).toEqual(expectedFor132(c));
  });
});
