/**
 * The page's single connection to the worker, started once, feeding the simulation store.
 * Panels call the worker through `simulation()`.
 */
import { startSimulationWorker, subscribeToDeltas, type SimulationClient } from '../worker/client';
import { applyDelta, useSimulationStore } from './stores/simulation-store';
import { publishTerminalOutput } from './terminal-feed';

let client: SimulationClient | undefined;

export function simulation(): SimulationClient {
  if (!client) {
    client = startSimulationWorker();
    void subscribeToDeltas(client, (delta) => {
      useSimulationStore.setState((state) => applyDelta(state, delta, performance.now()));
      publishTerminalOutput(delta.terminalOutput);
    });
    void client.topology().then((topology) => useSimulationStore.setState({ topology }));
  }
  return client;
}
