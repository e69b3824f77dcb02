/**
 * The page's copy of the `nodes` and `scheduler` views: each node's kubelet, Lease and pods, and
 * kube-scheduler's queue. The worker does not push them; they are re-read when a delta brings a
 * watch event that can change them (a Pod, Node, Lease or Event), at most a few times a second
 * while the cluster plays, so a burst of pod updates costs one read. Each node keeps its chip list
 * unchanged when its pods look the same, so the graph re-renders only the nodes that changed.
 */
import { create } from 'zustand';
import type { NodesView, NodeView, SchedulerView, WatchEventView } from '../../worker/protocol';
import { useSimulationStore, type SimulationState } from './simulation-store';
import { chipOf, type PodChip } from '../graph/pod-chip-status';

/** The fastest the views are re-read, in wall milliseconds: about four times a second. */
export const REFRESH_MS = 250;
/** Kinds whose watch events can change what the node and scheduler sections show. */
const RELEVANT_KINDS: ReadonlySet<string> = new Set(['Pod', 'Node', 'Lease', 'Event']);

export interface NodesState {
  readonly nodes: NodesView | undefined;
  readonly scheduler: SchedulerView | undefined;
  /** Each node's pod chips, by node name; an unchanged node keeps the same array. */
  readonly chips: Readonly<Record<string, readonly PodChip[]>>;
}

export const useNodesStore = create<NodesState>(() => ({ nodes: undefined, scheduler: undefined, chips: {} }));

export function useNode(name: string): NodeView | undefined {
  return useNodesStore((s) => s.nodes?.nodes.find((n) => n.name === name));
}

/** The chips of the new read, reusing the previous arrays where a node's pods look the same. */
export function nextChips(previous: Readonly<Record<string, readonly PodChip[]>>, view: NodesView): Record<string, readonly PodChip[]> {
  const out: Record<string, readonly PodChip[]> = {};
  for (const node of view.nodes) {
    const chips = node.pods.map(chipOf);
    const before = previous[node.name];
    out[node.name] = before && sameChips(before, chips) ? before : chips;
  }
  return out;
}

function sameChips(a: readonly PodChip[], b: readonly PodChip[]): boolean {
  return a.length === b.length && a.every((c, i) => {
    const d = b[i];
    return d !== undefined && c.key === d.key && c.status === d.status && c.restarts === d.restarts;
  });
}

/** Whether the watch events since `seen` (an index) include one the views care about; a reset counts. */
export function relevantSince(events: readonly WatchEventView[], seen: number): boolean {
  const last = events[events.length - 1];
  if (!last) return false;
  if (last.index < seen) return true;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as WatchEventView;
    if (e.index <= seen) break;
    if (RELEVANT_KINDS.has(e.kind)) return true;
  }
  return false;
}

type Reader = {
  readNodes(): Promise<NodesView>;
  readScheduler(): Promise<SchedulerView>;
  /** The node names in the drawn topology, to refetch it when a node joined or left. */
  drawnNodes(): readonly string[];
  refetchTopology(): void;
};

/**
 * Keeps the store following the cluster: a read now, then one whenever relevant watch events
 * arrive, no more often than REFRESH_MS (a trailing read catches the last change). Also re-reads
 * when the clock moves and a second has passed without one, for what has no watch event (a
 * kubelet stopped from the terminal). Returns the way to stop, and `refresh` to read at once.
 */
export function followCluster(reader: Reader, timers: { now(): number; setTimeout(fn: () => void, ms: number): unknown } = { now: () => performance.now(), setTimeout: (fn, ms) => setTimeout(fn, ms) }) {
  let seen = -1;
  let lastRead = -Infinity;
  let pending = false;
  let reading = false;
  let again = false;
  let stopped = false;
  let names = '';
  const read = () => {
    pending = false;
    if (stopped) return;
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    lastRead = timers.now();
    void Promise.all([reader.readNodes(), reader.readScheduler()]).then(
      ([nodes, scheduler]) => {
        reading = false;
        if (stopped) return;
        useNodesStore.setState((s) => ({ nodes, scheduler, chips: nextChips(s.chips, nodes) }));
        // Once per change of the node list (a Node without a machine must not refetch on every read).
        const now = nodes.nodes.map((n) => n.name).join(',');
        if (now !== names) {
          names = now;
          const drawn = reader.drawnNodes();
          if (nodes.nodes.some((n) => !drawn.includes(n.name)) || drawn.some((d) => !nodes.nodes.some((n) => n.name === d))) reader.refetchTopology();
        }
        if (again) {
          again = false;
          request();
        }
      },
      () => {
        reading = false;
      },
    );
  };
  const request = () => {
    if (pending) return;
    pending = true;
    const wait = Math.max(0, lastRead + REFRESH_MS - timers.now());
    timers.setTimeout(read, wait);
  };
  const onState = (state: SimulationState, previous: SimulationState) => {
    if (state.watchEvents !== previous.watchEvents) {
      const relevant = relevantSince(state.watchEvents, seen);
      seen = state.watchEvents[state.watchEvents.length - 1]?.index ?? -1;
      if (relevant) return request();
    }
    if (state.clock?.time !== previous.clock?.time && timers.now() - lastRead > 1000) request();
  };
  const unsubscribe = useSimulationStore.subscribe(onState);
  request();
  return {
    stop() {
      stopped = true;
      unsubscribe();
    },
    refresh: request,
  };
}
