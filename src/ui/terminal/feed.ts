/**
 * What the worker's deltas carry for the terminal panel, which may not be loaded yet (it is a
 * lazy chunk): the output of its foreground command (kubectl get -w), and the news that the
 * cluster was reset under it.
 */
type Listener = (text: string) => void;
export type ResetListener = (reset: { readonly seed: number; readonly stopped?: string }) => void;

const listeners = new Set<Listener>();
const resetListeners = new Set<ResetListener>();

export function publishTerminalOutput(text: string): void {
  if (text) for (const listener of listeners) listener(text);
}

export function onTerminalOutput(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function publishClusterReset(reset: Parameters<ResetListener>[0]): void {
  for (const listener of resetListeners) listener(reset);
}

export function onClusterReset(listener: ResetListener): () => void {
  resetListeners.add(listener);
  return () => resetListeners.delete(listener);
}
