/**
 * `POST pods/NAME/exec?command=...&container=...`: the apiserver reads the pod, picks the
 * container as pkg/registry/core/pod ExecLocation does (streamLocation: one container or a
 * `container` parameter; a pod with no node is a BadRequest), then asks the kubelet of the pod's
 * node to run the command. Simplified, as the UI says: the real exchange is a stream upgraded to
 * SPDY or WebSockets; here the answer is one body with both streams and the exit code
 * (`{ stdout, stderr, exitCode }`), or the kubelet's refusal as a 400.
 */
import type { Network } from '../../../../network/network';
import type { KubeObject } from '../../../../api/kube-object';
import { newBadRequest } from '../../../status';
import type { RequestQuery } from '../../request-context';
import { APISERVER } from '../../../storage/etcd-transport';
import { requestedContainer, type KubeletConnections } from './log';

/** The body of an answered exec: what kubectl writes to its stdout and stderr, and its exit code. */
export interface ExecStreams {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export function servePodExec(network: Network, kubelets: KubeletConnections | undefined, pod: KubeObject, query: RequestQuery, reply: (code: number, body: unknown) => void): void {
  const name = pod.metadata.name ?? '';
  const namespace = pod.metadata.namespace ?? '';
  const command = query.getAll('command');
  if (command.length === 0) throw newBadRequest('you must specify at least one command for the container');
  const container = requestedContainer(pod, query);
  const nodeName = (pod['spec'] as { nodeName?: string } | undefined)?.nodeName ?? '';
  if (!nodeName) throw newBadRequest(`pod ${name} does not have a host assigned`);
  const kubelet = kubelets?.(nodeName);
  if (!kubelet) throw newBadRequest(`pod ${name} does not have a host assigned`);
  const kubeletName = `kubelet/${nodeName}`;
  network.send(APISERVER, kubeletName, 'request', `POST /exec/${namespace}/${name}/${container}?command=${command.map(encodeURIComponent).join('&command=')}`, () => {
    const result = kubelet.containerExec(namespace, name, container, command);
    const answer = () =>
      network.send(kubeletName, APISERVER, 'response', result.ok ? '101' : '400', () => {
        if (!result.ok) return reply(400, newBadRequest(result.message).status);
        const streams: ExecStreams = { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
        reply(200, streams);
      });
    // The stream stays open while the command runs (a sleep, curl waiting for its connect timeout).
    const elapsedMs = result.ok ? (result.elapsedMs ?? 0) : 0;
    if (elapsedMs > 0) network.wait(elapsedMs, `${kubeletName}: exec in ${namespace}/${name} runs`, answer);
    else answer();
  });
}
