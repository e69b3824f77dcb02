/** The Job controller's pure parts: the pod-failure back-off and the completed-index intervals. */
import { describe, expect, it } from 'vitest';
import { firstPendingIndexes, formatIndexes, parseIndexes } from './job-pods';
import { nextBackoffRecord, remainingBackoffMs } from './pod-backoff';
import type { PodView } from '../controller-utils/types';

describe('pod-failure back-off', () => {
  it('waits 10 s after one failure, doubling with each, capped at 10 min', () => {
    const one = nextBackoffRecord({ failuresAfterLastSuccess: 0 }, [], [1_000]);
    expect(remainingBackoffMs(one, 1_000)).toBe(10_000);
    expect(remainingBackoffMs(one, 6_000)).toBe(5_000);
    expect(remainingBackoffMs(one, 12_000)).toBe(0);
    const three = nextBackoffRecord(one, [], [2_000, 3_000]);
    expect(three).toEqual({ failuresAfterLastSuccess: 3, lastFailureTime: 3_000 });
    expect(remainingBackoffMs(three, 3_000)).toBe(40_000);
    expect(remainingBackoffMs({ failuresAfterLastSuccess: 20, lastFailureTime: 0 }, 0)).toBe(600_000);
  });

  it('a success resets it; failures after the last success still count', () => {
    expect(nextBackoffRecord({ failuresAfterLastSuccess: 4, lastFailureTime: 5 }, [10], [])).toEqual({ failuresAfterLastSuccess: 0 });
    expect(nextBackoffRecord({ failuresAfterLastSuccess: 4, lastFailureTime: 5 }, [10], [8, 12])).toEqual({ failuresAfterLastSuccess: 1, lastFailureTime: 12 });
    expect(nextBackoffRecord({ failuresAfterLastSuccess: 4, lastFailureTime: 5 }, [10], [8])).toEqual({ failuresAfterLastSuccess: 0 });
    expect(remainingBackoffMs({ failuresAfterLastSuccess: 0 }, 0)).toBe(0);
  });
});

describe('completed indexes', () => {
  it('reads and writes `0-2,4` intervals, ignoring indexes past completions', () => {
    expect(parseIndexes('0-2,4,9', 5)).toEqual([0, 1, 2, 4]);
    expect(parseIndexes(undefined, 5)).toEqual([]);
    expect(formatIndexes([4, 0, 2, 1, 1])).toBe('0-2,4');
    expect(formatIndexes([])).toBe('');
  });

  it('hands out the lowest indexes neither succeeded nor running', () => {
    const running = { metadata: { annotations: { 'batch.kubernetes.io/job-completion-index': '1' } } } as unknown as PodView;
    expect(firstPendingIndexes([0], [running], 2, 5)).toEqual([2, 3]);
    expect(firstPendingIndexes([0, 1, 2], [], 3, 3)).toEqual([]);
  });
});
