/** `kubectl describe node` (describe.go describeNode and describeNodeResource, release 1.32). */
import { byteOrder } from '../printers/labels';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Container, Node, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../../sim/api/kube-object';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from '../printers/describe-writer';
import { addQuantity, formatQuantity, parseQuantity, quantityMilliValue, quantityValue, ZERO_QUANTITY, type Quantity } from '../printers/quantity';
import { findNodeRoles } from '../printers/table';
import { formatRFC1123Z, translateTimestampSince } from '../printers/timestamps';
import type { DescribeContext } from './context';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline } from './fields';

export type ResourceTotals = Map<string, Quantity>;

function add(totals: ResourceTotals, list: Readonly<Record<string, unknown>> | undefined): void {
  for (const [name, value] of Object.entries(list ?? {})) {
    const q = parseQuantity(String(value));
    if (q) totals.set(name, addQuantity(totals.get(name) ?? ZERO_QUANTITY, q));
  }
}

/** resourcehelper.PodRequests/PodLimits: the sum over containers, or the max with an init container. */
export function podTotals(pod: Pod, which: 'requests' | 'limits'): ResourceTotals {
  const sum: ResourceTotals = new Map();
  for (const c of pod.spec?.containers ?? []) add(sum, c.resources?.[which]);
  for (const c of pod.spec?.initContainers ?? ([] as Container[])) {
    const init: ResourceTotals = new Map();
    add(init, c.resources?.[which]);
    for (const [name, q] of init) {
      const current = sum.get(name);
      if (!current || q.nanos > current.nanos) sum.set(name, q);
    }
  }
  return sum;
}

function percent(part: bigint, whole: bigint): number {
  if (whole === 0n) return 0;
  return Math.trunc((Number(part) / Number(whole)) * 100);
}

function quantityOr0(totals: ResourceTotals, name: string): Quantity {
  return totals.get(name) ?? ZERO_QUANTITY;
}

function describeNodeResource(pods: readonly Pod[], node: Node, w: DescribeWriter, nowMs: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable = Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status?.allocatable : node.status?.capacity;
  const allocCpu = parseQuantity(String(allocatable?.['cpu'] ?? '0')) ?? ZERO_QUANTITY;
  const allocMem = parseQuantity(String(allocatable?.['memory'] ?? '0')) ?? ZERO_QUANTITY;
  const allocEph = parseQuantity(String(allocatable?.['ephemeral-storage'] ?? '0')) ?? ZERO_QUANTITY;
  const cpuPct = (q: Quantity) => percent(quantityMilliValue(q), quantityMilliValue(allocCpu));
  const memPct = (q: Quantity) => percent(quantityValue(q), quantityValue(allocMem));
  const reqs: ResourceTotals = new Map();
  const limits: ResourceTotals = new Map();
  for (const pod of pods) {
    const req = podTotals(pod, 'requests');
    const lim = podTotals(pod, 'limits');
    const cpuReq = quantityOr0(req, 'cpu');
    const cpuLim = quantityOr0(lim, 'cpu');
    const memReq = quantityOr0(req, 'memory');
    const memLim = quantityOr0(lim, 'memory');
    w.write(
      LEVEL_1,
      `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t${formatQuantity(cpuReq)} (${cpuPct(cpuReq)}%)\t${formatQuantity(cpuLim)} (${cpuPct(cpuLim)}%)\t${formatQuantity(memReq)} (${memPct(memReq)}%)\t${formatQuantity(memLim)} (${memPct(memLim)}%)\t${translateTimestampSince(nowMs, pod.metadata?.creationTimestamp)}\n`,
    );
    for (const [k, v] of req) reqs.set(k, addQuantity(reqs.get(k) ?? ZERO_QUANTITY, v));
    for (const [k, v] of lim) limits.set(k, addQuantity(limits.get(k) ?? ZERO_QUANTITY, v));
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const line = (name: string, r: Quantity, l: Quantity, pct: (q: Quantity) => number) =>
    w.write(LEVEL_1, `${name}\t${formatQuantity(r)} (${pct(r)}%)\t${formatQuantity(l)} (${pct(l)}%)\n`);
  line('cpu', quantityOr0(reqs, 'cpu'), quantityOr0(limits, 'cpu'), cpuPct);
  line('memory', quantityOr0(reqs, 'memory'), quantityOr0(limits, 'memory'), memPct);
  line('ephemeral-storage', quantityOr0(reqs, 'ephemeral-storage'), quantityOr0(limits, 'ephemeral-storage'), (q) => percent(quantityValue(q), quantityValue(allocEph)));
  for (const name of Object.keys(allocatable ?? {}).sort(byteOrder)) {
    if (name.startsWith('hugepages-')) line(name, quantityOr0(reqs, name), quantityOr0(limits, name), (q) => percent(quantityValue(q), quantityValue(parseQuantity(String(allocatable?.[name])) ?? ZERO_QUANTITY)));
  }
}

export function describeNode(obj: KubeObject, ctx: DescribeContext): string {
  const node = obj as unknown as Node;
  const name = obj.metadata.name ?? '';
  const podList = ctx.list('pods', undefined, { fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed` });
  const lease = ctx.get('leases', 'kube-node-lease', name) as unknown as Lease | undefined;
  const byUid = ctx.events(obj) ?? [];
  const byName = ctx.events(obj, { uid: name }) ?? [];
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${name}\n`);
  const roles = findNodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(obj.metadata.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', node.spec?.taints);
  w.write(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  if (lease) {
    w.write(LEVEL_0, 'Lease:\n');
    w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? formatRFC1123Z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? formatRFC1123Z(lease.spec.renewTime) : '<unset>'}\n`);
  } else {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${name}" not found\n`);
  }
  const conditions = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastHeartbeatTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of node.status?.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  const printResourceList = (list: Readonly<Record<string, unknown>>) => {
    for (const r of Object.keys(list).sort(byteOrder)) w.write(LEVEL_0, `  ${r}:\t${String(list[r])}\n`);
  };
  if (Object.keys(node.status?.capacity ?? {}).length > 0) {
    w.write(LEVEL_0, 'Capacity:\n');
    printResourceList(node.status?.capacity ?? {});
  }
  if (Object.keys(node.status?.allocatable ?? {}).length > 0) {
    w.write(LEVEL_0, 'Allocatable:\n');
    printResourceList(node.status?.allocatable ?? {});
  }
  const info = node.status?.nodeInfo;
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if ((node.spec?.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${(node.spec?.podCIDRs ?? []).join(',')}\n`);
  if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);
  if ('items' in podList) describeNodeResource(podList.items as unknown as Pod[], node, w, ctx.nowMs);
  else if (podList.forbidden) w.write(LEVEL_0, 'Pods:\tnot authorized\n');
  describeEvents([...byUid, ...byName], w, ctx.nowMs);
  return w.text();
}
