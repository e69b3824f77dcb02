/**
 * Output of the terminal's foreground command (kubectl get -w) arriving with the worker's
 * deltas, handed to the terminal panel, which may not be loaded yet (it is a lazy chunk).
 */
type Listener = (text: string) => void;

const listeners = new Set<Listener>();

export function publishTerminalOutput(text: string): void {
  if (text) for (const listener of listeners) listener(text);
}

export function onTerminalOutput(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
