/**
 * The page's copy of what the worker reports: the clock, the watch event stream, the recent
 * engine events and the topology. Deltas from the worker are applied by one pure reducer;
 * components select small slices.
 */
import { create } from 'zustand';
import type { ClockState, EtcdEventView, EtcdSummary, RequestView, SimulationDelta, Topology, TraceEntry, WatchEventView } from '../../worker/protocol';

/** The stream keeps the newest events only; a long session must not grow the page without bound. */
export const WATCH_EVENTS_KEPT = 5000;
export const ENGINE_EVENTS_KEPT = 200;
export const REQUESTS_KEPT = 2000;

export interface SimulationState {
  readonly clock: ClockState | undefined;
  readonly watchEvents: readonly WatchEventView[];
  readonly engineEvents: readonly TraceEntry[];
  /** Wall-clock time (page) at which each component id last did something, for the graph's glow. */
  readonly activity: Readonly<Record<string, number>>;
  readonly topology: Topology | undefined;
  readonly requests: readonly RequestView[];
  /** Wall-clock time (page) at which each edge last carried a message. */
  readonly edgeActivity: Readonly<Record<string, number>>;
  readonly etcd: EtcdSummary | undefined;
  readonly etcdEvents: readonly EtcdEventView[];
}

export const initialSimulationState: SimulationState = {
  clock: undefined,
  watchEvents: [],
  engineEvents: [],
  activity: {},
  topology: undefined,
  requests: [],
  edgeActivity: {},
  etcd: undefined,
  etcdEvents: [],
};

export const useSimulationStore = create<SimulationState>(() => initialSimulationState);

/**
 * Pure: the state after a delta. A view absent from the delta did not change. `wallNow` stamps
 * component activity for the graph.
 */
export function applyDelta(state: SimulationState, delta: SimulationDelta, wallNow: number): SimulationState {
  const base = delta.reset ? { ...initialSimulationState, topology: state.topology } : state;
  const views = delta.views;
  const newEngineEvents = views.engineEvents ?? [];
  const traffic = views.traffic ?? [];
  const watchEvents = views.watchEvents?.length ? keepLast([...base.watchEvents, ...views.watchEvents], WATCH_EVENTS_KEPT) : base.watchEvents;
  const engineEvents = newEngineEvents.length ? keepLast([...base.engineEvents, ...newEngineEvents], ENGINE_EVENTS_KEPT) : base.engineEvents;
  let activity = base.activity;
  let edgeActivity = base.edgeActivity;
  if (newEngineEvents.length || traffic.length) {
    const components: Record<string, number> = { ...activity };
    const edges: Record<string, number> = { ...edgeActivity };
    for (const event of newEngineEvents) components[componentOf(event.label)] = wallNow;
    for (const m of traffic) {
      edges[edgeKey(m.from, m.to)] = wallNow;
      components[m.from] = wallNow;
    }
    activity = components;
    edgeActivity = edges;
  }
  const requests = views.requests?.length ? keepLast([...base.requests, ...views.requests], REQUESTS_KEPT) : base.requests;
  const etcdEvents = views.etcdEvents?.length ? keepLast([...base.etcdEvents, ...views.etcdEvents], WATCH_EVENTS_KEPT) : base.etcdEvents;
  return { ...base, clock: views.clock, watchEvents, engineEvents, activity, requests, edgeActivity, etcd: views.etcd ?? base.etcd, etcdEvents };
}

/** Traffic between two parts lights the edge between them, whichever way it flows. */
export function edgeKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Engine event labels start with the acting component: "kubelet/node-1: renew Lease ...". */
export function componentOf(label: string): string {
  const colon = label.indexOf(':');
  return colon < 0 ? label : label.slice(0, colon);
}

function keepLast<T>(items: T[], n: number): T[] {
  return items.length > n ? items.slice(items.length - n) : items;
}
