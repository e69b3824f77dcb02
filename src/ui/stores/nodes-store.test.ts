/** The nodes store: which deltas make it re-read, how often, and that unchanged nodes keep their chips. */
import { afterEach, describe, expect, it } from 'vitest';
import type { NodesView, PodRowView, SchedulerView, WatchEventView } from '../../worker/protocol';
import { followCluster, nextChips, relevantSince, REFRESH_MS, useNodesStore } from './nodes-store';
import { initialSimulationState, useSimulationStore } from './simulation-store';

const event = (index: number, kind: string): WatchEventView => ({ index, kind, type: 'MODIFIED', namespace: '', name: 'x', resourceVersion: '1', time: 0 });
const pod = (name: string, status: string, restartCount = 0): PodRowView => ({ namespace: 'default', name, ready: '1/1', status, restarts: String(restartCount), restartCount, age: '1s', ip: '', node: 'node-1', nominatedNode: '', readinessGates: '', containers: [] });
const nodes = (pods: PodRowView[], names = ['node-1']): NodesView => ({
  now: 0,
  unbound: [],
  nodes: names.map((name) => ({ name, ready: 'True', conditions: [], unschedulable: false, taints: [], kubelet: 'running', cpu: { allocatable: '2', requested: '0', fraction: 0 }, memory: { allocatable: '1Gi', requested: '0', fraction: 0 }, podsAllocatable: '110', pods: name === 'node-1' ? pods : [] })),
});
const scheduler: SchedulerView = { running: true, queue: { activeQ: 0, backoffQ: 0, unschedulablePods: 0 }, profiles: [], pending: [], stats: { cycles: 0, scheduled: 0, unschedulable: 0 } };

afterEach(() => {
  useSimulationStore.setState(initialSimulationState);
  useNodesStore.setState({ nodes: undefined, scheduler: undefined, chips: {} });
});

describe('the nodes store', () => {
  it('counts only Pod, Node, Lease and Event watch events since the last one seen, and a reset', () => {
    expect(relevantSince([event(0, 'Pod')], -1)).toBe(true);
    expect(relevantSince([event(0, 'Pod'), event(1, 'ConfigMap')], 0)).toBe(false);
    expect(relevantSince([event(0, 'Pod'), event(1, 'Lease')], 0)).toBe(true);
    expect(relevantSince([event(0, 'ConfigMap')], 7)).toBe(true);
    expect(relevantSince([], 3)).toBe(false);
  });

  it('keeps a node’s chip list when its pods look the same, and makes a new one when a status or restart count changes', () => {
    const first = nextChips({}, nodes([pod('web', 'Running')]));
    const same = nextChips(first, nodes([pod('web', 'Running')]));
    expect(same['node-1']).toBe(first['node-1']);
    const restarted = nextChips(same, nodes([pod('web', 'Running', 1)]));
    expect(restarted['node-1']).not.toBe(first['node-1']);
    expect(restarted['node-1']).toEqual([{ key: 'default/web', name: 'web', label: 'web', status: 'Running', colour: 'running', restarts: 1 }]);
  });

  it('re-reads on relevant deltas at most every REFRESH_MS, and refetches the topology when a node joins', async () => {
    let wall = 0;
    const timeouts: { at: number; fn: () => void }[] = [];
    let reads = 0;
    let topologyFetches = 0;
    let view = nodes([pod('web', 'Pending')]);
    const follow = followCluster(
      {
        readNodes: () => {
          reads++;
          return Promise.resolve(view);
        },
        readScheduler: () => Promise.resolve(scheduler),
        drawnNodes: () => ['node-1'],
        refetchTopology: () => topologyFetches++,
      },
      { now: () => wall, setTimeout: (fn, ms) => timeouts.push({ at: wall + ms, fn }) },
    );
    const runDue = async () => {
      const due = timeouts.filter((t) => t.at <= wall);
      timeouts.splice(0, timeouts.length, ...timeouts.filter((t) => t.at > wall));
      for (const t of due) t.fn();
      await Promise.resolve();
      await Promise.resolve();
    };
    await runDue();
    expect(reads).toBe(1);
    expect(useNodesStore.getState().chips['node-1']?.map((c) => c.status)).toEqual(['Pending']);
    // A burst of pod events within REFRESH_MS: one more read, once the interval has passed.
    wall = 10;
    view = nodes([pod('web', 'Running')]);
    useSimulationStore.setState({ watchEvents: [event(0, 'Pod')] });
    useSimulationStore.setState({ watchEvents: [event(0, 'Pod'), event(1, 'Pod')] });
    expect(timeouts).toHaveLength(1);
    expect(timeouts[0]?.at).toBe(REFRESH_MS);
    await runDue();
    expect(reads).toBe(1);
    wall = REFRESH_MS;
    await runDue();
    expect(reads).toBe(2);
    expect(useNodesStore.getState().chips['node-1']?.map((c) => c.status)).toEqual(['Running']);
    // Events of other kinds do not make it read.
    wall = 1000;
    useSimulationStore.setState({ watchEvents: [event(2, 'ConfigMap')] });
    expect(timeouts).toHaveLength(0);
    // A node joined: the topology is fetched again, once.
    view = nodes([], ['node-1', 'big']);
    follow.refresh();
    wall = 2000;
    await runDue();
    expect(topologyFetches).toBe(1);
    follow.refresh();
    wall = 3000;
    await runDue();
    expect(topologyFetches).toBe(1);
    follow.stop();
  });
});
