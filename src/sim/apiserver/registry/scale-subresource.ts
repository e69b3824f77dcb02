/**
 * The scale subresource of Deployments, ReplicaSets and StatefulSets: an autoscaling/v1 Scale
 * view of spec.replicas and status (what `kubectl scale` and autoscalers use).
 */
import type { KubeObject } from '../../api/kube-object';
import { newBadRequest } from '../status';

export function scaleOf(object: KubeObject): KubeObject {
  const spec = (object['spec'] ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  const status = (object['status'] ?? {}) as { replicas?: number };
  const selector = Object.entries(spec.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: {
      name: object.metadata.name,
      namespace: object.metadata.namespace,
      uid: object.metadata.uid,
      resourceVersion: object.metadata.resourceVersion,
      creationTimestamp: object.metadata.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 1 },
    status: { replicas: status.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

/** Apply a Scale's spec.replicas to the object. */
export function applyScale(object: KubeObject, scale: unknown): KubeObject {
  const replicas = (scale as { spec?: { replicas?: unknown } } | null)?.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) throw newBadRequest('Scale.spec.replicas: Required value');
  return { ...object, spec: { ...(object['spec'] as object), replicas } };
}
