/**
 * The dots in flight on the graph, per edge (keyed as `edgeKey` keys them), fed from each
 * delta's traffic by `addTraffic` and pruned once they have arrived. Each edge of the graph
 * selects its own list, so a message re-renders one edge, not the graph.
 */
import { create } from 'zustand';
import type { TrafficView } from '../../worker/protocol';
import { edgeKey } from '../stores/simulation-store';
import { scheduleDots, type Dot, type TrafficAnchor } from './traffic-timeline';

/** At 100× hundreds of messages a second cross one edge; a few at a time are enough to see it busy. */
export const MAX_DOTS_PER_EDGE = 12;

interface TrafficState {
  readonly anchor: TrafficAnchor | undefined;
  readonly dots: Readonly<Record<string, readonly Dot[]>>;
}

export const useTrafficStore = create<TrafficState>(() => ({ anchor: undefined, dots: {} }));

/** Messages as one delta brought them: when it arrived (wall ms) and the speed it was sent at. */
export interface TrafficBatch {
  readonly messages: readonly TrafficView[];
  readonly arrived: number;
  readonly speed: number;
}

/** Adds the dots of a frame's deltas, in arrival order, in one store update. */
export function addTraffic(batches: readonly TrafficBatch[]): void {
  if (!batches.some((b) => b.messages.length > 0)) return;
  useTrafficStore.setState((state) => {
    let anchor = state.anchor;
    const next: Record<string, readonly Dot[]> = { ...state.dots };
    const touched = new Set<string>();
    for (const { messages, arrived, speed } of batches) {
      if (messages.length === 0) continue;
      const scheduled = scheduleDots(anchor, messages, arrived, speed);
      anchor = scheduled.anchor;
      for (const dot of scheduled.dots) {
        const key = edgeKey(dot.from, dot.to);
        if (!touched.has(key)) {
          touched.add(key);
          next[key] = (next[key] ?? []).filter((d) => d.start + d.duration > arrived);
        }
        (next[key] as Dot[]).push(dot);
      }
    }
    for (const key of touched) {
      const list = next[key] as Dot[];
      if (list.length > MAX_DOTS_PER_EDGE) next[key] = list.slice(list.length - MAX_DOTS_PER_EDGE);
    }
    return { anchor, dots: next };
  });
}

export function clearTraffic(): void {
  useTrafficStore.setState({ anchor: undefined, dots: {} });
}
