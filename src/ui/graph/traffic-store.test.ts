import { beforeEach, describe, expect, it } from 'vitest';
import type { TrafficView } from '../../worker/protocol';
import { edgeKey } from '../stores/simulation-store';
import { addTraffic, clearTraffic, MAX_DOTS_PER_EDGE, useTrafficStore } from './traffic-store';
import { WALL_MS_PER_SIM_MS } from './traffic-timeline';

const message = (id: number, sentAt: number, from = 'kubectl', to = 'kube-apiserver'): TrafficView => ({ id, from, to, kind: 'request', label: 'POST pods', sentAt, arrivesAt: sentAt + 2 });
const dotsOf = (a: string, b: string) => useTrafficStore.getState().dots[edgeKey(a, b)] ?? [];

describe('addTraffic', () => {
  beforeEach(() => clearTraffic());

  it('adds a frame of deltas in one update, each delta scheduled from its own arrival', () => {
    let updates = 0;
    const unsubscribe = useTrafficStore.subscribe(() => updates++);
    addTraffic([
      { messages: [message(1, 100)], arrived: 1000, speed: 1 },
      { messages: [], arrived: 1005, speed: 1 },
      { messages: [message(2, 101, 'kube-apiserver', 'etcd')], arrived: 1010, speed: 1 },
    ]);
    unsubscribe();
    expect(updates).toBe(1);
    expect(dotsOf('kubectl', 'kube-apiserver').map((d) => d.start)).toEqual([1000]);
    // The second delta's message keeps its simulated spacing after the first (1 simulated ms later).
    expect(dotsOf('kube-apiserver', 'etcd').map((d) => d.start)).toEqual([1000 + WALL_MS_PER_SIM_MS]);
  });

  it('does nothing for a frame without traffic', () => {
    const before = useTrafficStore.getState();
    addTraffic([{ messages: [], arrived: 1000, speed: 1 }]);
    expect(useTrafficStore.getState()).toBe(before);
  });

  it('keeps the newest MAX_DOTS_PER_EDGE dots of an edge and drops those that arrived', () => {
    addTraffic([{ messages: Array.from({ length: MAX_DOTS_PER_EDGE + 5 }, (_, i) => message(i, 100 + i * 0.01)), arrived: 1000, speed: 1 }]);
    const dots = dotsOf('kubectl', 'kube-apiserver');
    expect(dots).toHaveLength(MAX_DOTS_PER_EDGE);
    expect(dots[0]?.id).toBe(5);
    // Long after they all arrived, the next message on the edge replaces them.
    addTraffic([{ messages: [message(99, 5000)], arrived: 900_000, speed: 1 }]);
    expect(dotsOf('kubectl', 'kube-apiserver').map((d) => d.id)).toEqual([99]);
  });
});
