/**
 * Test builders (after pkg/scheduler/testing/wrappers.go `st.MakePod()`, `st.MakeNode()`): short
 * pods and nodes for table tests, a Handle over a snapshot, and the default framework.
 */
import { Rng } from '../../engine/rng';
import { defaultProfile } from '../apis/config/default-plugins';
import type { KubeSchedulerProfile } from '../apis/config/types';
import type { Handle, PodBinder } from '../framework/interface';
import { Framework } from '../framework/runtime/framework';
import type { V1Affinity, V1Container, V1Node, V1Pod, V1Taint, V1Toleration, V1TopologySpreadConstraint } from '../framework/v1';
import { Snapshot } from '../internal/cache/snapshot';
import { newInTreeRegistry } from '../plugins/registry';

export interface PodOptions {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  /** One container per entry, each with these requests (st.MakePod().Req()). */
  containers?: Record<string, string>[];
  images?: string[];
  /** Shorthand: one container requesting these. */
  cpu?: string;
  memory?: string;
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: V1Toleration[];
  affinity?: V1Affinity;
  topologySpreadConstraints?: V1TopologySpreadConstraint[];
  priority?: number;
  hostPorts?: number[];
  schedulingGates?: string[];
  schedulerName?: string;
  creationTimestamp?: string;
}

let podCounter = 0;

export function makePod(o: PodOptions = {}): V1Pod {
  const name = o.name ?? `pod-${++podCounter}`;
  const containers: V1Container[] = [];
  for (const requests of o.containers ?? []) containers.push({ name: `c${containers.length}`, image: 'nginx', resources: { requests } });
  if (o.cpu || o.memory) {
    const requests: Record<string, string> = {};
    if (o.cpu) requests['cpu'] = o.cpu;
    if (o.memory) requests['memory'] = o.memory;
    containers.push({ name: 'app', image: 'nginx', resources: { requests } });
  }
  for (const image of o.images ?? []) containers.push({ name: `c${containers.length}`, image });
  if (o.hostPorts?.length) {
    if (containers.length === 0) containers.push({ name: 'app', image: 'nginx' });
    (containers[0] as V1Container).ports = o.hostPorts.map((p) => ({ containerPort: p, hostPort: p, protocol: 'TCP' }));
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: o.uid ?? `uid-${name}`,
      ...(o.labels ? { labels: o.labels } : {}),
      ...(o.creationTimestamp ? { creationTimestamp: o.creationTimestamp } : {}),
    },
    spec: {
      containers,
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.affinity ? { affinity: o.affinity } : {}),
      ...(o.topologySpreadConstraints ? { topologySpreadConstraints: o.topologySpreadConstraints } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...(o.schedulingGates ? { schedulingGates: o.schedulingGates.map((g) => ({ name: g })) } : {}),
      ...(o.schedulerName ? { schedulerName: o.schedulerName } : {}),
    },
    status: { phase: 'Pending' },
  };
}

export interface NodeOptions {
  name: string;
  cpu?: string;
  memory?: string;
  pods?: string;
  /** Extra allocatable resources (`nvidia.com/gpu`), or all of them when cpu/memory are not given. */
  allocatable?: Record<string, string>;
  labels?: Record<string, string>;
  taints?: V1Taint[];
  unschedulable?: boolean;
  /** image name -> size in bytes. */
  images?: Record<string, number>;
}

export function makeNode(o: NodeOptions): V1Node {
  const allocatable: Record<string, string> = { ...(o.allocatable ?? {}) };
  if (o.cpu) allocatable['cpu'] = o.cpu;
  if (o.memory) allocatable['memory'] = o.memory;
  allocatable['pods'] = o.pods ?? allocatable['pods'] ?? '110';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: o.name, labels: { 'kubernetes.io/hostname': o.name, ...(o.labels ?? {}) } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: {
      capacity: allocatable,
      allocatable,
      ...(o.images ? { images: Object.entries(o.images).map(([n, size]) => ({ names: [n], sizeBytes: size })) } : {}),
    },
  };
}

export function testHandle(snapshot: Snapshot, options: { seed?: number; binder?: PodBinder } = {}): Handle {
  return { snapshotSharedLister: () => snapshot, rng: new Rng(options.seed ?? 1), ...(options.binder ? { binder: options.binder } : {}) };
}

/** A framework for `profile` (the v1.32 default) over a snapshot, with its handle wired back to it. */
export function testFramework(snapshot: Snapshot, profile: KubeSchedulerProfile = defaultProfile(), seed = 1): Framework {
  const holder: { fwk?: Framework } = {};
  const handle: Handle = { ...testHandle(snapshot, { seed }), framework: () => holder.fwk as Framework };
  holder.fwk = new Framework(newInTreeRegistry(), profile, handle);
  return holder.fwk;
}
