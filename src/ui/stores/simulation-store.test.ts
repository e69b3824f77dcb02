import { describe, expect, it } from 'vitest';
import type { ClockState, DeltaViews, SimulationDelta, Topology, WatchEventView } from '../../worker/protocol';
import { applyDelta, edgeKey, initialSimulationState, WATCH_EVENTS_KEPT, type SimulationState } from './simulation-store';

const clock = (time: number): ClockState => ({ time, eventsRun: time, pending: 0, nextEventTime: undefined, playing: false, speed: 1, seed: 1, traceDigest: 'd' });
const etcd = { revision: 1, compactRevision: 0, keys: 1, dbSize: 10, keySet: 1 };
const watchEvent = (index: number): WatchEventView => ({ index, type: 'ADDED', kind: 'Pod', namespace: 'default', name: `p${index}`, resourceVersion: String(index), time: index });
const delta = (views: Partial<DeltaViews>, reset = false): SimulationDelta => ({ reset, views: { clock: clock(1), ...views } });
const topology = { components: [] } as unknown as Topology;

describe('applyDelta', () => {
  it('takes the clock and etcd summary, appends the streams, and keeps what a delta does not mention', () => {
    const first = applyDelta(initialSimulationState, delta({ etcd, watchEvents: [watchEvent(0)], etcdEvents: [{ revision: 2, type: 'PUT', key: '/a', time: 1 }] }), 100);
    expect(first).toMatchObject({ clock: clock(1), etcd, watchEvents: [watchEvent(0)], etcdEvents: [{ key: '/a' }] });
    // A delta with only the clock changes only the clock: the streams are the same arrays.
    const second = applyDelta(first, { reset: false, views: { clock: clock(2) } }, 200);
    expect(second.clock?.time).toBe(2);
    expect(second.etcd).toBe(first.etcd);
    expect(second.watchEvents).toBe(first.watchEvents);
    expect(second.activity).toBe(first.activity);
  });

  it('stamps the acting component and the edge a message crossed with the wall time', () => {
    const state = applyDelta(
      initialSimulationState,
      delta({
        engineEvents: [{ seq: 1, at: 5, label: 'kubelet/node-1: renew Lease' }],
        traffic: [{ id: 1, from: 'kube-scheduler', to: 'kube-apiserver', kind: 'request', label: 'POST binding', sentAt: 1, arrivesAt: 2 }],
      } as Partial<DeltaViews>),
      42,
    );
    expect(state.activity).toEqual({ 'kubelet/node-1': 42, 'kube-scheduler': 42 });
    expect(state.edgeActivity).toEqual({ [edgeKey('kube-apiserver', 'kube-scheduler')]: 42 });
  });

  it('keeps the newest watch events only', () => {
    let state: SimulationState = initialSimulationState;
    state = applyDelta(state, delta({ watchEvents: Array.from({ length: WATCH_EVENTS_KEPT }, (_, i) => watchEvent(i)) }), 0);
    state = applyDelta(state, delta({ watchEvents: [watchEvent(WATCH_EVENTS_KEPT)] }), 0);
    expect(state.watchEvents).toHaveLength(WATCH_EVENTS_KEPT);
    expect(state.watchEvents[0]?.index).toBe(1);
    expect(state.watchEvents.at(-1)?.index).toBe(WATCH_EVENTS_KEPT);
  });

  it('drops what it kept from the old cluster on a reset, but not the topology', () => {
    const before = { ...applyDelta(initialSimulationState, delta({ etcd, watchEvents: [watchEvent(0)] }), 0), topology };
    const after = applyDelta(before, delta({}, true), 0);
    expect(after).toMatchObject({ watchEvents: [], etcd: undefined, etcdEvents: [], topology });
  });
});
