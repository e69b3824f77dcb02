import { describe, expect, it } from 'vitest';
import type { TrafficView } from '../../worker/protocol';
import { MAX_LAG_MS, MIN_FLIGHT_MS, progressOf, scheduleDots, WALL_MS_PER_SIM_MS } from './traffic-timeline';

const message = (id: number, sentAt: number, latency: number, kind: TrafficView['kind'] = 'request'): TrafficView => ({
  id,
  from: 'kubectl',
  to: 'kube-apiserver',
  kind,
  label: 'POST pods',
  sentAt,
  arrivesAt: sentAt + latency,
});

describe('scheduleDots', () => {
  it('keeps the simulated order and spacing, stretched by the speed', () => {
    const { dots } = scheduleDots(undefined, [message(1, 100, 2), message(2, 102, 0.5, 'etcd'), message(3, 103, 2, 'response')], 5000, 1);
    expect(dots.map((d) => d.start)).toEqual([5000, 5000 + 2 * WALL_MS_PER_SIM_MS, 5000 + 3 * WALL_MS_PER_SIM_MS]);
    expect(dots[0]?.duration).toBe(2 * WALL_MS_PER_SIM_MS);
    // Slower play, slower dots.
    const slow = scheduleDots(undefined, [message(1, 100, 2)], 0, 0.25);
    expect(slow.dots[0]?.duration).toBe(8 * WALL_MS_PER_SIM_MS);
  });

  it('never flies a dot faster than MIN_FLIGHT_MS', () => {
    const { dots } = scheduleDots(undefined, [message(1, 0, 0.5)], 0, 100);
    expect(dots[0]?.duration).toBe(MIN_FLIGHT_MS);
  });

  it('restarts at the newest message after a quiet spell, and skips ahead when too far behind', () => {
    const first = scheduleDots(undefined, [message(1, 100, 2)], 1000, 1);
    const later = scheduleDots(first.anchor, [message(2, 100.5, 2)], 60_000, 1);
    expect(later.dots[0]?.start).toBe(60_000);
    const burst = scheduleDots(first.anchor, [message(3, 100 + (MAX_LAG_MS + 2000) / WALL_MS_PER_SIM_MS, 2)], 1000, 1);
    expect(burst.dots[0]?.start).toBe(1000);
  });

  it('places a dot along its hop only while it flies', () => {
    const { dots } = scheduleDots(undefined, [message(1, 0, 2)], 0, 1);
    const dot = dots[0];
    expect(dot).toBeDefined();
    if (!dot) return;
    expect(progressOf(dot, -1)).toBeUndefined();
    expect(progressOf(dot, dot.duration / 2)).toBeCloseTo(0.5);
    expect(progressOf(dot, dot.duration + 1)).toBeUndefined();
  });
});
