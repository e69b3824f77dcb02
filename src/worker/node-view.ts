/**
 * The `nodes` view: each node as the page's graph and node section show it — its Ready condition,
 * its kubelet process (running, stopped, partitioned), its Lease's last renewTime, allocatable
 * against requested cpu and memory, and its pods as `kubectl get pods -o wide` prints them (the
 * shell's printPod port computes READY, STATUS and RESTARTS, so the page says exactly what kubectl
 * says) with each container's state. Read from the apiserver's watch caches, as the authorizers
 * read them: no request is sent, so reading the view leaves no trace in the audit trail.
 */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ContainerStatus, Node, Pod } from 'kubernetes-types/core/v1';
import type { Cluster } from '../sim/cluster';
import { WatchCacheObjects } from '../sim/apiserver/authorization/stored-objects';
import { virtualMsOf } from '../sim/api/time';
import { podRow } from '../shell/commands/kubectl/printers/pod';
import { podTotals } from '../shell/commands/kubectl/describe/node';
import { addQuantity, formatQuantity, parseQuantity, quantityMilliValue, quantityValue, ZERO_QUANTITY, type Quantity } from '../shell/commands/kubectl/printers/quantity';
import type { ContainerView, KubeletState, NodeView, NodesView, PodRowView, ResourceUse } from './node-view-types';

/** The objects the view reads, through the apiserver's own watch caches (Events, which have none, from etcd). */
export function cachedObjects(cluster: Cluster): WatchCacheObjects {
  return new WatchCacheObjects(
    () => cluster.apiserver.caches,
    () => cluster.apiserver.uncachedStorage,
  );
}

export function nodesView(cluster: Cluster): NodesView {
  const now = cluster.engine.now();
  const objects = cachedObjects(cluster);
  const pods = objects.list('pods', '') as unknown as readonly Pod[];
  const byNode = new Map<string, Pod[]>();
  const unbound: PodRowView[] = [];
  for (const pod of pods) {
    const node = pod.spec?.nodeName;
    if (!node) {
      unbound.push(podView(pod, now));
      continue;
    }
    let list = byNode.get(node);
    if (!list) byNode.set(node, (list = []));
    list.push(pod);
  }
  const nodeObjects = new Map((objects.list('nodes', '') as unknown as readonly Node[]).map((n) => [n.metadata?.name ?? '', n]));
  // A machine whose kubelet has not registered its Node yet is still drawn: list it too.
  const names = new Set([...nodeObjects.keys(), ...cluster.kubelets.map((k) => k.shape.name)]);
  const nodes = [...names].sort().map((name) => {
    const lease = objects.get('leases', 'kube-node-lease', name) as unknown as Lease | undefined;
    return nodeView(name, nodeObjects.get(name), kubeletState(cluster, name), lease, byNode.get(name) ?? [], now);
  });
  return { now, nodes, unbound };
}

function kubeletState(cluster: Cluster, name: string): KubeletState {
  const kubelet = cluster.kubelets.find((k) => k.shape.name === name);
  if (!kubelet || !kubelet.isRunning) return 'stopped';
  return kubelet.partitioned ? 'partitioned' : 'running';
}

function nodeView(name: string, node: Node | undefined, kubelet: KubeletState, lease: Lease | undefined, pods: readonly Pod[], now: number): NodeView {
  const conditions = (node?.status?.conditions ?? []).map((c) => ({ type: c.type, status: c.status, reason: c.reason ?? '', message: c.message ?? '' }));
  const allocatable = Object.keys(node?.status?.allocatable ?? {}).length > 0 ? node?.status?.allocatable : node?.status?.capacity;
  // Requests count only pods that still hold their resources, as `kubectl describe node` adds them.
  const holding = pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const requested = new Map<string, Quantity>();
  for (const pod of holding) for (const [k, v] of podTotals(pod, 'requests')) requested.set(k, addQuantity(requested.get(k) ?? ZERO_QUANTITY, v));
  const renew = lease?.spec?.renewTime;
  return {
    name,
    ready: conditions.find((c) => c.type === 'Ready')?.status ?? '',
    conditions,
    unschedulable: node?.spec?.unschedulable === true,
    taints: (node?.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
    kubelet,
    ...(renew ? { leaseRenewTime: renew, leaseRenewMs: virtualMsOf(renew) } : {}),
    cpu: use(allocatable?.['cpu'], requested.get('cpu'), quantityMilliValue),
    memory: use(allocatable?.['memory'], requested.get('memory'), quantityValue),
    podsAllocatable: String(allocatable?.['pods'] ?? ''),
    pods: pods.map((p) => podView(p, now)),
  };
}

function use(allocatable: unknown, requested: Quantity | undefined, value: (q: Quantity) => bigint): ResourceUse {
  const alloc = parseQuantity(String(allocatable ?? '0')) ?? ZERO_QUANTITY;
  const req = requested ?? ZERO_QUANTITY;
  const whole = Number(value(alloc));
  return { allocatable: formatQuantity(alloc), requested: formatQuantity(req), fraction: whole > 0 ? Number(value(req)) / whole : 0 };
}

/** A pod's `kubectl get pods -o wide` cells and its containers. */
export function podView(pod: Pod, now: number): PodRowView {
  const [name = '', ready = '', status = '', restarts = '', age = '', ip = '', node = '', nominatedNode = '', readinessGates = ''] = podRow(pod, now);
  const init = (pod.status?.initContainerStatuses ?? []).map((s) => containerView(s, true));
  const regular = (pod.status?.containerStatuses ?? []).map((s) => containerView(s, false));
  // Before the kubelet reports, the spec's containers are all there is to list.
  const reported = new Set([...init, ...regular].map((c) => c.name));
  const unreported = (pod.spec?.containers ?? []).filter((c) => !reported.has(c.name)).map((c): ContainerView => ({ name: c.name, init: false, ready: false, restartCount: 0, state: 'unknown' }));
  const containers = [...init, ...regular, ...unreported];
  return {
    namespace: pod.metadata?.namespace ?? '',
    name,
    ready,
    status,
    restarts,
    restartCount: containers.reduce((n, c) => n + c.restartCount, 0),
    age,
    ip,
    node,
    nominatedNode,
    readinessGates,
    containers,
  };
}

function containerView(s: ContainerStatus, init: boolean): ContainerView {
  const { waiting, running, terminated } = s.state ?? {};
  const last = s.lastState?.terminated;
  const base = { name: s.name, init, ready: s.ready, restartCount: s.restartCount, ...(last ? { last: { ...(last.reason ? { reason: last.reason } : {}), exitCode: last.exitCode, ...(last.finishedAt ? { finishedAt: last.finishedAt } : {}) } } : {}) };
  if (waiting) return { ...base, state: 'waiting', ...(waiting.reason ? { reason: waiting.reason } : {}), ...(waiting.message ? { message: waiting.message } : {}) };
  if (terminated) {
    return { ...base, state: 'terminated', exitCode: terminated.exitCode, ...(terminated.reason ? { reason: terminated.reason } : {}), ...(terminated.message ? { message: terminated.message } : {}) };
  }
  if (running) return { ...base, state: 'running' };
  return { ...base, state: 'unknown' };
}
