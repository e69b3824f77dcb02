/**
 * The Node object a kubelet registers (pkg/kubelet/kubelet_node_status.go initialNode): the
 * well-known labels, capacity and allocatable, addresses, node info and the conditions it
 * reports. Figures are those of a small cloud VM; the runtime (containerd by default, or CRI-O)
 * gives containerRuntimeVersion.
 */
import { simulatedTimestamp } from '../api/time';
import type { KubeObject } from '../api/kube-object';
import { runtimeFlavour, type RuntimeFlavourName } from './runtime/flavours';
import { KUBELET_VERSION } from '../api/versions';

// Kept for the importers that read it from here (cluster.ts, kubectl version); the value lives in api/versions.
export { KUBELET_VERSION };
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.24';

export interface NodeShape {
  readonly name: string;
  /** 1-based index: the node's address is 10.0.0.(10 + index). */
  readonly index: number;
  readonly cpu: string;
  readonly memory: string;
  readonly pods: number;
  /** The container runtime; containerd when absent. */
  readonly runtime?: RuntimeFlavourName;
  /** Extra node labels (`kubearch node add --label`). */
  readonly labels?: Readonly<Record<string, string>>;
  /** `--register-with-taints`: the taints the kubelet registers its Node with. */
  readonly taints?: readonly { readonly key: string; readonly value?: string; readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
  /** Images already on the node: name -> bytes (0: the catalog's size). */
  readonly images?: Readonly<Record<string, number>>;
  /** Registry bandwidth in bytes per second, for pull times. */
  readonly pullBandwidth?: number;
  /**
   * `--cloud-provider=external`: the kubelet leaves the cloud's part to cloud-controller-manager
   * and registers the Node with the uninitialized taint until its cloud node controller has set
   * it up.
   */
  readonly cloudProvider?: 'external';
}

/** The taint a kubelet with `--cloud-provider=external` registers with (cloudproviderapi.TaintExternalCloudProvider). */
export const EXTERNAL_CLOUD_PROVIDER_TAINT = { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' } as const;

/** The node's pod CIDR, as the node IPAM controller would allocate it: 10.244.N.0/24. */
export function podCIDR(index: number): string {
  return `10.244.${index}.0/24`;
}

export function nodeAddress(index: number): string {
  return `10.0.0.${10 + index}`;
}

export function nodeConditions(nowMs: number, transitionMs: number): unknown[] {
  const heartbeat = simulatedTimestamp(nowMs);
  const transition = simulatedTimestamp(transitionMs);
  const c = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: heartbeat, lastTransitionTime: transition, reason, message });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

/** The taints the Node is registered with: `--register-with-taints`, then the external cloud provider's (kubelet_node_status.go). */
function registerTaints(shape: NodeShape): { key: string; value?: string; effect: string }[] {
  return [...(shape.taints ?? []).map((t) => ({ ...t })), ...(shape.cloudProvider === 'external' ? [{ ...EXTERNAL_CLOUD_PROVIDER_TAINT }] : [])];
}

export function initialNode(shape: NodeShape, nowMs: number): KubeObject {
  const resources = { cpu: shape.cpu, 'ephemeral-storage': '20959212Ki', memory: shape.memory, pods: String(shape.pods) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: shape.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': shape.name,
        'kubernetes.io/os': 'linux',
        ...(shape.labels ?? {}),
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: podCIDR(shape.index), podCIDRs: [podCIDR(shape.index)], ...(registerTaints(shape).length ? { taints: registerTaints(shape) } : {}) },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: nodeConditions(nowMs, nowMs),
      addresses: [
        { type: 'InternalIP', address: nodeAddress(shape.index) },
        { type: 'Hostname', address: shape.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: runtimeFlavour(shape.runtime ?? 'containerd').nodeRuntimeVersion,
        kernelVersion: '6.1.0-28-cloud-amd64',
        kubeProxyVersion: KUBELET_VERSION,
        kubeletVersion: KUBELET_VERSION,
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: '',
      },
    },
  };
}
