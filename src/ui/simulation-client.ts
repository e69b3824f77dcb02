/**
 * The page's single connection to the worker, started once, feeding the simulation store.
 * Panels change the simulator with `perform(action)`, read large views with `view(name, args)`,
 * and call the editor's and the terminal's own functions through `simulation()`.
 */
import { fetchView, startSimulationWorker, subscribeToDeltas, type SimulationClient } from '../worker/client';
import type { ActionRequest, ActionResult, SimulationDelta, ViewArgs, ViewName, ViewResult } from '../worker/protocol';
import { applyDelta, useSimulationStore } from './stores/simulation-store';
import { clearEditorResults } from './stores/editor-store';
import { publishClusterReset, publishTerminalOutput } from './terminal/feed';
import { addTraffic, clearTraffic } from './graph/traffic-store';
import { useViewStore } from './stores/view-store';

let client: SimulationClient | undefined;

export function simulation(): SimulationClient {
  if (!client) {
    client = startSimulationWorker();
    void subscribeToDeltas(client, (delta) => {
      const now = performance.now();
      if (delta.reset) {
        clearTraffic();
        useViewStore.setState({ selectedRequest: undefined });
      }
      // Traffic keeps each delta's own arrival time; the stores are updated once per frame.
      queueDelta(delta, now);
      publishTerminalOutput(delta.views.terminalOutput ?? '');
      const reset = delta.views.clusterReset;
      if (reset) {
        // The editor's last answer was about objects of the old cluster.
        clearEditorResults();
        publishClusterReset(reset);
      }
    });
    void fetchView(client, 'topology', undefined).then((topology) => useSimulationStore.setState({ topology }));
  }
  return client;
}

let queued: { delta: SimulationDelta; arrived: number }[] = [];
let frameRequested = false;

/**
 * Deltas are coalesced per animation frame: however many arrive between two frames (at 100×
 * the worker sends one every 16 ms, and a busy main thread lets several pile up), the store is
 * updated, and React renders, once per frame.
 */
function queueDelta(delta: SimulationDelta, arrived: number): void {
  queued.push({ delta, arrived });
  if (frameRequested) return;
  frameRequested = true;
  const flush = () => {
    frameRequested = false;
    const batch = queued;
    queued = [];
    const now = performance.now();
    // Traffic from before a reset in this batch belonged to the old cluster (clearTraffic ran when the reset arrived).
    const fresh = batch.slice(Math.max(0, batch.findLastIndex(({ delta }) => delta.reset)));
    addTraffic(fresh.map(({ delta, arrived }) => ({ messages: delta.views.traffic ?? [], arrived, speed: delta.views.clock.speed })));
    useSimulationStore.setState((state) => batch.reduce((s, { delta }) => applyDelta(s, delta, now), state));
  };
  // A hidden tab gets no frames; the store must still follow the worker there.
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') setTimeout(flush, 100);
  else requestAnimationFrame(flush);
}

/** Perform one action of the registry, as `kubearch` in the shell would. */
export function perform(request: ActionRequest): Promise<ActionResult> {
  return simulation().perform(request);
}

/** Read a view the worker does not push (etcd keys, a key's history, the admission plugins...). */
export function view<N extends ViewName>(name: N, args: ViewArgs<N>): Promise<ViewResult<N>> {
  return fetchView(simulation(), name, args);
}
