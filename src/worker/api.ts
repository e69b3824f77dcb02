/**
 * The worker's typed API, the one object comlink exposes. The page's type for it is derived
 * from this object (`SimulationApi`), so the two sides cannot disagree.
 */
import { SimulationSession } from './simulation-session';
import type { SimulationDelta } from './protocol';

export function createSimulationApi(initialSeed = 1) {
  const session = new SimulationSession(initialSeed);
  return {
    subscribe(listener: (delta: SimulationDelta) => void): void {
      session.subscribe(listener);
    },
    topology: () => session.topology(),
    clock: () => session.clock(),
    reset: (seed: number) => session.reset(seed),
    play: () => session.play(),
    pause: () => session.pause(),
    step: () => session.step(),
    setSpeed: (factor: number) => session.setSpeed(factor),
    applyManifests: (text: string, user?: string) => session.applyManifests(text, user),
    runCommand: (text: string) => session.runCommand(text),
    interrupt: () => session.interrupt(),
    finishEdit: (text: string | undefined) => session.finishEdit(text),
    commandNames: () => session.commandNames(),
    etcdKeys: (prefix: string) => session.etcdKeys(prefix),
    etcdHistory: (key: string) => session.etcdHistory(key),
    compactEtcd: (revision?: number) => session.compactEtcd(revision),
    admissionPlugins: () => session.admissionPlugins(),
    setAdmissionPlugin: (name: string, enabled: boolean) => session.setAdmissionPlugin(name, enabled),
  };
}

export type SimulationApi = ReturnType<typeof createSimulationApi>;

