/**
 * The kubelet's container log endpoint (GET /containerLogs/NS/POD/CONTAINER on :10250), which the
 * apiserver's `pods/log` subresource proxies to: the lines the runtime kept for the container's
 * current instance, or with `previous` the one before, with kubelet's own refusals
 * (validateContainerLogStatus) for a container that has not started (worded by its waiting
 * reason: ContainerCreating, CreateContainerConfigError, image can't be pulled, ...) or has no
 * previous instance.
 */
import type { ContainerRuntime } from '../runtime/container-runtime';

export interface ContainerLogOptions {
  readonly previous?: boolean;
  readonly tailLines?: number;
  readonly timestamps?: boolean;
}

export type ContainerLogResult = { readonly ok: true; readonly lines: readonly { readonly time: number; readonly text: string }[] } | { readonly ok: false; readonly message: string };

/** validateContainerLogStatus's words for a container waiting to start, by its waiting reason. */
function waitingMessage(reason: string): string {
  if (reason === 'ErrImagePull') return "image can't be pulled";
  if (reason === 'ImagePullBackOff') return 'trying and failing to pull image';
  return reason;
}

export function containerLogs(runtime: ContainerRuntime, namespace: string, pod: string, container: string, options: ContainerLogOptions = {}, waitingReason = 'ContainerCreating'): ContainerLogResult {
  const instances = runtime
    .listContainers()
    .filter((c) => c.labels['io.kubernetes.pod.namespace'] === namespace && c.labels['io.kubernetes.pod.name'] === pod && c.metadata.name === container)
    .sort((a, b) => b.metadata.attempt - a.metadata.attempt || b.createdAt - a.createdAt);
  const chosen = options.previous ? instances[1] : instances[0];
  if (!chosen) {
    return {
      ok: false,
      message: options.previous ? `previous terminated container "${container}" in pod "${pod}" not found` : `container "${container}" in pod "${pod}" is waiting to start: ${waitingMessage(waitingReason)}`,
    };
  }
  let lines = runtime.logs(chosen.id);
  if (options.tailLines !== undefined && options.tailLines >= 0) lines = lines.slice(Math.max(0, lines.length - options.tailLines));
  return { ok: true, lines };
}
