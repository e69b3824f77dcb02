/**
 * The worker's typed API, the one object comlink exposes. The page's type for it is derived
 * from this object (`SimulationApi`), so the two sides cannot disagree. It stays small: the
 * simulator is changed with `perform(action)`, large views are read with `view(name, args)`,
 * and the rest arrives as deltas; only the editor and the terminal have calls of their own.
 */
import type { ActionRequest } from '../shell/actions';
import { SimulationSession } from './simulation-session';
import type { SimulationDelta, ViewArgs, ViewName } from './protocol';

export function createSimulationApi(initialSeed = 1) {
  const session = new SimulationSession(initialSeed);
  return {
    subscribe(listener: (delta: SimulationDelta) => void): void {
      session.subscribe(listener);
    },
    perform: (request: ActionRequest) => session.perform(request),
    view: <N extends ViewName>(name: N, args: ViewArgs<N>) => session.view(name, args),
    applyManifests: (text: string, user?: string) => session.applyManifests(text, user),
    runCommand: (text: string) => session.runCommand(text),
    interrupt: () => session.interrupt(),
    finishEdit: (text: string | undefined) => session.finishEdit(text),
  };
}

export type SimulationApi = ReturnType<typeof createSimulationApi>;
