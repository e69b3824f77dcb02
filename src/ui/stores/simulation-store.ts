/**
 * The page's copy of what the worker reports: the clock, the watch event stream, the recent
 * engine events and the topology. Deltas from the worker are applied by one pure reducer;
 * components select small slices.
 */
import { create } from 'zustand';
import type { TraceEntry } from '../../sim/engine';
import type { Topology } from '../../sim/topology';
import type { ClockState, SimulationDelta, WatchEventView } from '../../worker/protocol';

/** The stream keeps the newest events only; a long session must not grow the page without bound. */
export const WATCH_EVENTS_KEPT = 5000;
export const ENGINE_EVENTS_KEPT = 200;

export interface SimulationState {
  readonly clock: ClockState | undefined;
  readonly watchEvents: readonly WatchEventView[];
  readonly engineEvents: readonly TraceEntry[];
  /** Wall-clock time (page) at which each component id last did something, for the graph's glow. */
  readonly activity: Readonly<Record<string, number>>;
  readonly topology: Topology | undefined;
}

export const initialSimulationState: SimulationState = {
  clock: undefined,
  watchEvents: [],
  engineEvents: [],
  activity: {},
  topology: undefined,
};

export const useSimulationStore = create<SimulationState>(() => initialSimulationState);

/** Pure: the state after a delta. `wallNow` stamps component activity for the graph. */
export function applyDelta(state: SimulationState, delta: SimulationDelta, wallNow: number): SimulationState {
  const base = delta.reset ? { ...initialSimulationState, topology: state.topology } : state;
  const watchEvents = delta.watchEvents.length ? keepLast([...base.watchEvents, ...delta.watchEvents], WATCH_EVENTS_KEPT) : base.watchEvents;
  const engineEvents = delta.engineEvents.length ? keepLast([...base.engineEvents, ...delta.engineEvents], ENGINE_EVENTS_KEPT) : base.engineEvents;
  let activity = base.activity;
  if (delta.engineEvents.length) {
    const next: Record<string, number> = { ...activity };
    for (const event of delta.engineEvents) next[componentOf(event.label)] = wallNow;
    activity = next;
  }
  return { ...base, clock: delta.clock, watchEvents, engineEvents, activity };
}

/** Engine event labels start with the acting component: "kubelet/node-1: renew Lease ...". */
export function componentOf(label: string): string {
  const colon = label.indexOf(':');
  return colon < 0 ? label : label.slice(0, colon);
}

function keepLast<T>(items: T[], n: number): T[] {
  return items.length > n ? items.slice(items.length - n) : items;
}
