/**
 * The page's handle on the worker: starts the module worker and wraps it with comlink. Only
 * src/worker calls comlink's expose/wrap (STYLE.md).
 */
import { wrap, proxy, type Remote } from 'comlink';
import type { SimulationApi } from './api';
import type { SimulationDelta } from './protocol';

export type SimulationClient = Remote<SimulationApi>;

export function startSimulationWorker(): SimulationClient {
  const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module', name: 'kubearch-simulation' });
  return wrap<SimulationApi>(worker);
}

export function subscribeToDeltas(client: SimulationClient, onDelta: (delta: SimulationDelta) => void): Promise<void> {
  return client.subscribe(proxy(onDelta));
}
