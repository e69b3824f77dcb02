/**
 * The parts of core/v1 Pod and Node the scheduler reads, typed. Objects arrive from informers as
 * loosely typed KubeObjects; `asPod`/`asNode` are the one place they are viewed as these. Nothing
 * here is mutated: the apiserver's objects are immutable records.
 */
import type { KubeObject } from '../../api/kube-object';
import type { LabelSelector } from '../../api/labels/label-selector';

export type ResourceList = Readonly<Record<string, string | number>>;

export interface V1ContainerPort {
  containerPort: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: string;
}

export interface V1Container {
  name?: string;
  image?: string;
  resources?: { requests?: ResourceList; limits?: ResourceList };
  ports?: V1ContainerPort[];
  /** Only `Always` on an init container, which makes it a sidecar (its requests add up). */
  restartPolicy?: string;
}

export interface V1Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface V1Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface V1NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface V1NodeSelectorTerm {
  matchExpressions?: V1NodeSelectorRequirement[];
  matchFields?: V1NodeSelectorRequirement[];
}

export interface V1PreferredSchedulingTerm {
  weight: number;
  preference: V1NodeSelectorTerm;
}

export interface V1PodAffinityTerm {
  labelSelector?: LabelSelector | null;
  namespaces?: string[];
  namespaceSelector?: LabelSelector | null;
  topologyKey: string;
  matchLabelKeys?: string[];
  mismatchLabelKeys?: string[];
}

export interface V1WeightedPodAffinityTerm {
  weight: number;
  podAffinityTerm: V1PodAffinityTerm;
}

export interface V1PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: V1PodAffinityTerm[];
  preferredDuringSchedulingIgnoredDuringExecution?: V1WeightedPodAffinityTerm[];
}

export interface V1Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: V1NodeSelectorTerm[] } | null;
    preferredDuringSchedulingIgnoredDuringExecution?: V1PreferredSchedulingTerm[];
  } | null;
  podAffinity?: V1PodAffinity | null;
  podAntiAffinity?: V1PodAffinity | null;
}

export interface V1TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway' | string;
  labelSelector?: LabelSelector | null;
  minDomains?: number;
  nodeAffinityPolicy?: 'Honor' | 'Ignore' | string;
  nodeTaintsPolicy?: 'Honor' | 'Ignore' | string;
  matchLabelKeys?: string[];
}

export interface V1PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  schedulerName?: string;
  priority?: number;
  priorityClassName?: string;
  preemptionPolicy?: string;
  containers?: V1Container[];
  initContainers?: V1Container[];
  overhead?: ResourceList;
  tolerations?: V1Toleration[];
  affinity?: V1Affinity | null;
  topologySpreadConstraints?: V1TopologySpreadConstraint[];
  schedulingGates?: { name: string }[];
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[];
}

export interface V1PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string | null;
}

export interface V1Pod extends KubeObject {
  spec?: V1PodSpec;
  status?: { phase?: string; nominatedNodeName?: string; conditions?: V1PodCondition[]; startTime?: string };
}

export interface V1ContainerImage {
  names?: string[];
  sizeBytes?: number;
}

export interface V1Node extends KubeObject {
  spec?: { unschedulable?: boolean; taints?: V1Taint[] };
  status?: { allocatable?: ResourceList; capacity?: ResourceList; images?: V1ContainerImage[] };
}

export function asPod(object: KubeObject): V1Pod {
  return object as V1Pod;
}

export function asNode(object: KubeObject): V1Node {
  return object as V1Node;
}

/** namespace/name, the queue's and the cache's key for a pod. */
export function podKey(pod: V1Pod): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

export function podPriority(pod: V1Pod): number {
  return pod.spec?.priority ?? 0;
}

export function nodeName(node: V1Node): string {
  return node.metadata.name ?? '';
}
