/** The taint-eviction-controller's decisions, as upstream's TestGetMinTolerationTime and GetMatchingTolerations. */
import { describe, expect, it } from 'vitest';
import { matchingTolerations, minTolerationTimeMs, noExecuteTaints } from './taint-eviction-controller';

const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const notReady = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' };

describe('taint eviction', () => {
  it('getMinTolerationTime: 0 without tolerations or with one <= 0, -1 forever, else the smallest', () => {
    expect(minTolerationTimeMs([])).toBe(0);
    expect(minTolerationTimeMs([{ key: 'a', tolerationSeconds: 300 }, { key: 'b', tolerationSeconds: 60 }])).toBe(60_000);
    expect(minTolerationTimeMs([{ key: 'a' }])).toBe(-1);
    expect(minTolerationTimeMs([{ key: 'a' }, { key: 'b', tolerationSeconds: 10 }])).toBe(10_000);
    expect(minTolerationTimeMs([{ key: 'a', tolerationSeconds: -5 }, { key: 'b', tolerationSeconds: 10 }])).toBe(0);
  });

  it('GetMatchingTolerations: every taint must be tolerated; the tolerations used are returned', () => {
    const defaults = [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ];
    expect(matchingTolerations([unreachable], defaults)).toEqual({ all: true, used: [defaults[1]] });
    expect(matchingTolerations([unreachable, { key: 'dedicated', value: 'gpu', effect: 'NoExecute' }], defaults).all).toBe(false);
    expect(matchingTolerations([], []).all).toBe(true);
    expect(matchingTolerations([notReady], []).all).toBe(false);
    expect(matchingTolerations([notReady], [{ operator: 'Exists' }])).toEqual({ all: true, used: [{ operator: 'Exists' }] });
  });

  it('only NoExecute taints count', () => {
    expect(noExecuteTaints([{ key: 'a', effect: 'NoSchedule' }, unreachable])).toEqual([unreachable]);
  });
});
