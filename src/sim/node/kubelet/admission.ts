/**
 * Pod admission on the node (pkg/kubelet/lifecycle/predicate.go canAdmitPod): before a pod
 * bound here runs, the kubelet checks it against the node as the scheduler should have —
 * node selector and required node affinity, then cpu, memory and pod count against
 * allocatable minus what admitted pods request. A rejected pod gets a Warning event and the
 * status Failed with `reason: OutOfcpu` (etc.) and `message: Pod was rejected: ...`.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { RequiredNodeAffinity } from '../../api/nodeaffinity/node-affinity';
import { parseQuantity } from '../../api/quantity';

export interface NodeInfo {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Allocatable cpu in millicores, memory in bytes, pods. */
  readonly allocatable: { readonly cpu: number; readonly memory: number; readonly pods: number };
}

export interface Rejection {
  readonly reason: string;
  readonly message: string;
}

function quantity(text: string | number | undefined, milli: boolean): number {
  if (text === undefined) return 0;
  const q = parseQuantity(String(text));
  return milli ? q.milliValue() : q.value();
}

/** A container's request of one resource (its limit when it has no request). */
function req(c: Container, r: 'cpu' | 'memory'): number {
  return quantity(c.resources?.requests?.[r] ?? c.resources?.limits?.[r], r === 'cpu');
}

/** The pod's effective request (max of the largest init container and the sum of the rest). */
export function podRequests(pod: Pod): { cpu: number; memory: number } {
  const sum = { cpu: 0, memory: 0 };
  for (const c of pod.spec?.containers ?? []) {
    sum.cpu += req(c, 'cpu');
    sum.memory += req(c, 'memory');
  }
  let sidecars = { cpu: 0, memory: 0 };
  const initMax = { cpu: 0, memory: 0 };
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy === 'Always') {
      sidecars = { cpu: sidecars.cpu + req(c, 'cpu'), memory: sidecars.memory + req(c, 'memory') };
      continue;
    }
    initMax.cpu = Math.max(initMax.cpu, sidecars.cpu + req(c, 'cpu'));
    initMax.memory = Math.max(initMax.memory, sidecars.memory + req(c, 'memory'));
  }
  const overhead = pod.spec?.overhead;
  return {
    cpu: Math.max(sum.cpu + sidecars.cpu, initMax.cpu) + quantity(overhead?.['cpu'], true),
    memory: Math.max(sum.memory + sidecars.memory, initMax.memory) + quantity(overhead?.['memory'], false),
  };
}

/** nodeSelector and requiredDuringSchedulingIgnoredDuringExecution, as the scheduler reads them (component-helpers). */
export function matchesNodeSelectorAndAffinity(pod: Pod, node: NodeInfo): boolean {
  return new RequiredNodeAffinity(pod).match({ metadata: { name: node.name, labels: node.labels } });
}

/** What the admitted pods take of the node: their number and the sum of their requests. */
export interface NodeUsage {
  readonly pods: number;
  readonly cpu: number;
  readonly memory: number;
}

/** canAdmitPod: undefined when admitted. `admitted` are the pods already running here. */
export function canAdmitPod(pod: Pod, node: NodeInfo, admitted: readonly Pod[]): Rejection | undefined {
  const used = { pods: admitted.length, cpu: 0, memory: 0 };
  for (const p of admitted) {
    const r = podRequests(p);
    used.cpu += r.cpu;
    used.memory += r.memory;
  }
  return canAdmitPodWithUsage(pod, podRequests(pod), node, used);
}

/** The rejection of a pod the node has not enough of `name` for. */
function insufficient(name: string, req: number, use: number, cap: number): Rejection {
  return { reason: `OutOf${name}`, message: `Node didn't have enough resource: ${name}, requested: ${req}, used: ${use}, capacity: ${cap}` };
}

/** canAdmitPod for a caller that keeps each pod's requests (podRequests) and sums them itself. */
export function canAdmitPodWithUsage(pod: Pod, requested: { readonly cpu: number; readonly memory: number }, node: NodeInfo, used: NodeUsage): Rejection | undefined {
  if (!matchesNodeSelectorAndAffinity(pod, node)) return { reason: 'NodeAffinity', message: 'Predicate NodeAffinity failed' };
  if (used.pods + 1 > node.allocatable.pods) return insufficient('pods', 1, used.pods, node.allocatable.pods);
  if (requested.cpu > 0 && used.cpu + requested.cpu > node.allocatable.cpu) return insufficient('cpu', requested.cpu, used.cpu, node.allocatable.cpu);
  if (requested.memory > 0 && used.memory + requested.memory > node.allocatable.memory) return insufficient('memory', requested.memory, used.memory, node.allocatable.memory);
  return undefined;
}
