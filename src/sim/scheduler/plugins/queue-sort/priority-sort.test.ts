/** PrioritySort (priority_sort_test.go TestLess). */
import { describe, expect, it } from 'vitest';
import { newQueuedPodInfo } from '../../framework/types';
import { makePod } from '../../testing/wrappers';
import { PrioritySort } from './priority-sort';

describe('PrioritySort.less', () => {
  it.each([
    ['higher priority first', 100, 0, 10, 0, true],
    ['lower priority after', 10, 0, 100, 0, false],
    ['equal priority: earlier first', 10, 1, 10, 2, true],
    ['equal priority: later after', 10, 2, 10, 1, false],
  ])('%s', (_n, p1, t1, p2, t2, want) => {
    const a = newQueuedPodInfo(makePod({ priority: p1 }), t1);
    const b = newQueuedPodInfo(makePod({ priority: p2 }), t2);
    expect(new PrioritySort().less(a, b)).toBe(want);
  });
});
