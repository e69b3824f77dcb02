/**
 * ObjectMeta helpers. The apiserver serialises metadata fields in the Go struct's order
 * (name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp, ...), so
 * `kubectl get -o yaml` shows them that way; we keep that order whenever we rebuild metadata.
 */
import type { KubeObject } from '../watch-event';

const METADATA_ORDER = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

export function orderMetadata(metadata: KubeObject['metadata']): KubeObject['metadata'] {
  const out: Record<string, unknown> = {};
  for (const key of METADATA_ORDER) if (metadata[key] !== undefined) out[key] = metadata[key];
  for (const [key, value] of Object.entries(metadata)) if (!(key in out) && value !== undefined) out[key] = value;
  return out as KubeObject['metadata'];
}

/** The top-level fields in the order the apiserver writes them: apiVersion, kind, metadata, then the rest. */
export function orderObject(object: KubeObject): KubeObject {
  const { apiVersion, kind, metadata, ...rest } = object;
  return { apiVersion, kind, metadata: orderMetadata(metadata), ...rest } as KubeObject;
}

export function namespacedName(object: KubeObject): string {
  const ns = object.metadata.namespace;
  return ns ? `${ns}/${object.metadata.name ?? ''}` : (object.metadata.name ?? '');
}
