/**
 * The page's single connection to the worker, started once, feeding the simulation store.
 * Panels change the simulator with `perform(action)`, read large views with `view(name, args)`,
 * and call the editor's and the terminal's own functions through `simulation()`.
 */
import { fetchView, startSimulationWorker, subscribeToDeltas, type SimulationClient } from '../worker/client';
import type { ActionRequest, ActionResult, ViewArgs, ViewName, ViewResult } from '../worker/protocol';
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
      useSimulationStore.setState((state) => applyDelta(state, delta, now));
      addTraffic(delta.views.traffic ?? [], now, delta.views.clock.speed);
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

/** Perform one action of the registry, as `kubearch` in the shell would. */
export function perform(request: ActionRequest): Promise<ActionResult> {
  return simulation().perform(request);
}

/** Read a view the worker does not push (etcd keys, a key's history, the admission plugins...). */
export function view<N extends ViewName>(name: N, args: ViewArgs<N>): Promise<ViewResult<N>> {
  return fetchView(simulation(), name, args);
}
