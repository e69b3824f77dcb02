/**
 * The page's single connection to the worker, started once, feeding the simulation store.
 * Panels change the simulator with `perform(action)`, read large views with `view(name, args)`,
 * and call the editor's and the terminal's own functions through `simulation()`.
 */
import { fetchView, startSimulationWorker, subscribeToDeltas, type SimulationClient } from '../worker/client';
import type { ActionRequest, ActionResult, ViewArgs, ViewName, ViewResult } from '../worker/protocol';
import { applyDelta, useSimulationStore } from './stores/simulation-store';
import { publishTerminalOutput } from './terminal-feed';

let client: SimulationClient | undefined;

export function simulation(): SimulationClient {
  if (!client) {
    client = startSimulationWorker();
    void subscribeToDeltas(client, (delta) => {
      useSimulationStore.setState((state) => applyDelta(state, delta, performance.now()));
      publishTerminalOutput(delta.views.terminalOutput ?? '');
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
