/**
 * The kubelet's exec endpoint (POST /exec/NS/POD/CONTAINER on :10250), which the apiserver's
 * `pods/exec` subresource proxies to: the command runs in the container's current instance
 * through the runtime's ExecSync (the container model's shell: its environment and files), and
 * its two streams and exit code come back. Simplified: upstream streams over SPDY or WebSockets
 * and can be interactive; here a command runs to its end and answers once (the UI says so).
 */
import type { ContainerRuntime } from '../runtime/container-runtime';

export type ContainerExecResult =
  | { readonly ok: true; readonly stdout: string; readonly stderr: string; readonly exitCode: number; readonly elapsedMs: number }
  | { readonly ok: false; readonly message: string };

export function containerExec(runtime: ContainerRuntime, namespace: string, pod: string, container: string, command: readonly string[]): ContainerExecResult {
  const running = runtime
    .listContainers()
    .filter((c) => c.labels['io.kubernetes.pod.namespace'] === namespace && c.labels['io.kubernetes.pod.name'] === pod && c.metadata.name === container && c.state === 'CONTAINER_RUNNING')
    .sort((a, b) => b.metadata.attempt - a.metadata.attempt)[0];
  // The kubelet's GetExec: findContainer, then "container not found" when it is not running.
  if (!running) return { ok: false, message: `container not found ("${container}")` };
  const result = runtime.execSync(running.id, command);
  if ('error' in result) return { ok: false, message: result.error };
  return { ok: true, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode, elapsedMs: result.elapsedMs };
}
