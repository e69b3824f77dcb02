/**
 * How many pods a PodDisruptionBudget expects and how many must stay healthy
 * (pkg/controller/disruption/disruption.go getExpectedPodCount and getExpectedScale): an integer
 * minAvailable counts the selected pods; a percentage, or maxUnavailable, needs the scale of the
 * controllers owning them (ReplicaSet, Deployment through its ReplicaSet, StatefulSet), each
 * counted once. A pod with no controller is unmanaged; one whose controller no finder knows is
 * an error, as upstream's "found no controllers for pod".
 */
import type { KubeObject } from '../../api/kube-object';
import type { Informer } from '../../client/informer';

export interface ControllerInformers {
  readonly replicasets: Informer;
  readonly deployments: Informer;
  readonly statefulsets: Informer;
}

export interface ExpectedCount {
  readonly expectedCount: number;
  readonly desiredHealthy: number;
  readonly unmanagedPods: readonly string[];
}

interface OwnerRef {
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
}

/** metav1.GetControllerOf. */
function controllerOf(object: KubeObject): OwnerRef | undefined {
  return ((object.metadata['ownerReferences'] ?? []) as OwnerRef[]).find((r) => r.controller === true);
}

function replicasOf(object: KubeObject): number {
  const replicas = (object['spec'] as { replicas?: number } | undefined)?.replicas;
  return typeof replicas === 'number' ? replicas : 1;
}

/** intstr.GetScaledValueFromIntOrPercent with roundUp. */
export function scaledValue(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(value);
  if (!percent) throw new Error(`invalid value for IntOrString: invalid value ${JSON.stringify(value)}`);
  return Math.ceil((Number(percent[1]) * total) / 100);
}

/** The finders: the controller's uid and scale, or undefined when this finder does not own the pod. */
function findScale(informers: ControllerInformers, namespace: string, ref: OwnerRef): { uid: string; scale: number } | undefined {
  if (ref.kind === 'ReplicaSet') {
    const rs = informers.replicasets.get(namespace, ref.name ?? '');
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const rsOwner = controllerOf(rs);
    if (rsOwner?.kind === 'Deployment') {
      const deployment = informers.deployments.get(namespace, rsOwner.name ?? '');
      if (!deployment || deployment.metadata.uid !== rsOwner.uid) return undefined;
      return { uid: deployment.metadata.uid ?? '', scale: replicasOf(deployment) };
    }
    return { uid: rs.metadata.uid ?? '', scale: replicasOf(rs) };
  }
  if (ref.kind === 'StatefulSet') {
    const sts = informers.statefulsets.get(namespace, ref.name ?? '');
    if (!sts || sts.metadata.uid !== ref.uid) return undefined;
    return { uid: sts.metadata.uid ?? '', scale: replicasOf(sts) };
  }
  return undefined;
}

function expectedScale(informers: ControllerInformers, pdb: KubeObject, pods: readonly KubeObject[]): { expectedCount: number; unmanagedPods: string[] } {
  const counted = new Set<string>();
  const unmanagedPods: string[] = [];
  let expectedCount = 0;
  for (const pod of pods) {
    const ref = controllerOf(pod);
    if (!ref) {
      unmanagedPods.push(pod.metadata.name ?? '');
      continue;
    }
    if (counted.has(ref.uid ?? '')) continue;
    const found = findScale(informers, pdb.metadata.namespace ?? '', ref);
    if (!found) throw new Error(`found no controllers for pod ${JSON.stringify(pod.metadata.name ?? '')}`);
    if (counted.has(found.uid)) continue;
    counted.add(found.uid);
    counted.add(ref.uid ?? '');
    expectedCount += found.scale;
  }
  return { expectedCount, unmanagedPods };
}

/** getExpectedPodCount; throws what upstream returns as an error. */
export function expectedPodCount(informers: ControllerInformers, pdb: KubeObject, pods: readonly KubeObject[]): ExpectedCount {
  const spec = (pdb['spec'] ?? {}) as { minAvailable?: number | string; maxUnavailable?: number | string };
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const { expectedCount, unmanagedPods } = expectedScale(informers, pdb, pods);
    const desiredHealthy = Math.max(0, expectedCount - scaledValue(spec.maxUnavailable, expectedCount));
    return { expectedCount, desiredHealthy, unmanagedPods };
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanagedPods: [] };
    const { expectedCount, unmanagedPods } = expectedScale(informers, pdb, pods);
    return { expectedCount, desiredHealthy: scaledValue(spec.minAvailable, expectedCount), unmanagedPods };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}
