/**
 * The page's handle on the worker: starts the module worker and wraps it with comlink. Only
 * src/worker calls comlink's expose/wrap (STYLE.md).
 */
import { wrap, proxy, type Remote } from 'comlink';
import type { SimulationApi } from './api';
import type { SimulationDelta, ViewArgs, ViewName, ViewResult } from './protocol';

export type SimulationClient = Remote<SimulationApi>;

export function startSimulationWorker(): SimulationClient {
  const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module', name: 'kubearch-simulation' });
  return wrap<SimulationApi>(worker);
}

export function subscribeToDeltas(client: SimulationClient, onDelta: (delta: SimulationDelta) => void): Promise<void> {
  return client.subscribe(proxy(onDelta));
}

/** `client.view` with its answer's type kept: comlink's Remote type loses the generic's link between name and answer. */
export function fetchView<N extends ViewName>(client: SimulationClient, name: N, args: ViewArgs<N>): Promise<ViewResult<N>> {
  return client.view(name, args) as Promise<ViewResult<N>>;
}
