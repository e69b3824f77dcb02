/**
 * `GET pods/NAME/log`: the apiserver reads the pod, picks and checks the container as
 * pkg/registry/core/pod LogLocation does, then asks the kubelet of the pod's node for the lines
 * (the apiserver -> kubelet :10250 connection, over the simulated network). A pod with no node
 * yet answers an empty log, as LogLocation's nil location does.
 */
import type { Network } from '../../../../network/network';
import { simulatedTimestamp } from '../../../../api/time';
import type { KubeObject } from '../../../../api/kube-object';
import { newBadRequest } from '../../../status';
import { APISERVER } from '../../../storage/etcd-transport';
import type { RequestQuery } from '../../request-context';

/** What the apiserver needs of a kubelet's :10250 to serve logs and exec; the cluster connects each node's. */
export interface KubeletLogEndpoint {
  containerLogs(
    namespace: string,
    pod: string,
    container: string,
    options: { previous?: boolean; tailLines?: number },
  ): { readonly ok: true; readonly lines: readonly { readonly time: number; readonly text: string }[] } | { readonly ok: false; readonly message: string };
  containerExec(
    namespace: string,
    pod: string,
    container: string,
    command: readonly string[],
  ): { readonly ok: true; readonly stdout: string; readonly stderr: string; readonly exitCode: number; readonly elapsedMs?: number } | { readonly ok: false; readonly message: string };
}

export type KubeletConnections = (nodeName: string) => KubeletLogEndpoint | undefined;

/** RFC3339Nano as Go prints it: trailing zeros of the fraction dropped. */
function rfc3339Nano(ms: number): string {
  const fraction = String(Math.floor(ms) % 1000).padStart(3, '0').replace(/0+$/, '');
  return simulatedTimestamp(ms).replace('Z', fraction ? `.${fraction}Z` : 'Z');
}

function containerNames(pod: KubeObject, key: 'containers' | 'initContainers'): string[] {
  const spec = pod['spec'] as Record<string, { name?: string }[] | undefined> | undefined;
  return (spec?.[key] ?? []).map((c) => c.name ?? '');
}

/**
 * The container a log or exec request names (pkg/registry/core/pod: validateContainer /
 * streamLocation): the `container` parameter, or the pod's only container; BadRequest otherwise.
 */
export function requestedContainer(pod: KubeObject, query: RequestQuery): string {
  const name = pod.metadata.name ?? '';
  const containers = containerNames(pod, 'containers');
  const all = [...containerNames(pod, 'initContainers'), ...containers];
  const container = query.get('container') ?? '';
  if (!container) {
    if (containers.length !== 1) throw newBadRequest(`a container name must be specified for pod ${name}, choose one of: [${all.join(' ')}]`);
    return containers[0] ?? '';
  }
  if (!all.includes(container)) throw newBadRequest(`container ${container} is not valid for pod ${name}`);
  return container;
}

export function servePodLog(
  network: Network,
  kubelets: KubeletConnections | undefined,
  pod: KubeObject,
  query: RequestQuery,
  reply: (code: number, body: unknown) => void,
): void {
  const name = pod.metadata.name ?? '';
  const namespace = pod.metadata.namespace ?? '';
  const container = requestedContainer(pod, query);
  const nodeName = (pod['spec'] as { nodeName?: string } | undefined)?.nodeName ?? '';
  const kubelet = nodeName ? kubelets?.(nodeName) : undefined;
  if (!kubelet) return reply(200, '');
  const tail = query.get('tailLines');
  const timestamps = query.get('timestamps') === 'true';
  const options = { previous: query.get('previous') === 'true', ...(tail !== null && /^\d+$/.test(tail) ? { tailLines: Number(tail) } : {}) };
  const kubeletName = `kubelet/${nodeName}`;
  network.send(APISERVER, kubeletName, 'request', `GET /containerLogs/${namespace}/${name}/${container}`, () => {
    const result = kubelet.containerLogs(namespace, name, container, options);
    network.send(kubeletName, APISERVER, 'response', result.ok ? '200' : '400', () => {
      if (!result.ok) return reply(400, newBadRequest(result.message).status);
      reply(200, result.lines.map((l) => `${timestamps ? `${rfc3339Nano(l.time)} ` : ''}${l.text}\n`).join(''));
    });
  });
}
