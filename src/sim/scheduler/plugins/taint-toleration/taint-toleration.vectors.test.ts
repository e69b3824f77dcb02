/** TaintToleration: every scheduler.json case (taint_toleration_test.go). */
import { describe, expect, it } from 'vitest';
import { computeExpected, expectedFor132, vectorCases } from '../../testing/vectors';
import { Name, New } from './taint-toleration';

describe('TaintToleration vectors', () => {
  const cases = vectorCases(Name);
  it('has the 8 upstream cases', () => expect(cases).toHaveLength(8));
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(computeExpected(c, (w) => New(undefined, w.handle))).toEqual(expectedFor132(c));
  });
});
