/**
 * ObjectMeta helpers. The apiserver serialises metadata fields in the Go struct's order
 * (name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp, ...), so
 * `kubectl get -o yaml` shows them that way; we keep that order whenever we rebuild metadata.
 */
import type { KubeObject } from './kube-object';
import { withFields } from './object-copy';

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

/** Lists ObjectMeta marks omitempty: a patch that empties one (the last finalizer removed) leaves no field. */
const OMIT_EMPTY_LISTS = new Set(['ownerReferences', 'finalizers']);
const omitted = (key: string, value: unknown): boolean => value === undefined || (OMIT_EMPTY_LISTS.has(key) && Array.isArray(value) && value.length === 0);

const RANK: ReadonlyMap<string, number> = new Map(METADATA_ORDER.map((key, i) => [key, i]));

/** The metadata in the Go struct's order, unknown fields after; undefined fields and empty omitempty lists dropped. */
export function orderMetadata(metadata: KubeObject['metadata']): KubeObject['metadata'] {
  const fields = metadata as Record<string, unknown>;
  // Metadata the apiserver wrote is in order already: checking is cheaper than rebuilding.
  let last = -1;
  let ordered = true;
  for (const key in fields) {
    const rank = RANK.get(key) ?? METADATA_ORDER.length;
    if (rank < last || omitted(key, fields[key])) {
      ordered = false;
      break;
    }
    last = rank;
  }
  if (ordered) return metadata;
  const out: Record<string, unknown> = {};
  for (const key of METADATA_ORDER) if (!omitted(key, fields[key])) out[key] = fields[key];
  for (const key in fields) if (!RANK.has(key) && fields[key] !== undefined) out[key] = fields[key];
  return out as KubeObject['metadata'];
}

/**
 * orderMetadata({ ...metadata, [key]: value }) for a known field `key`, in one copy when the
 * metadata is in order already (as stored metadata is): the field goes in at its place. Setting
 * resourceVersion on every object read from etcd takes this path.
 */
export function withOrderedField(metadata: KubeObject['metadata'], key: string, value: unknown): KubeObject['metadata'] {
  const fields = metadata as Record<string, unknown>;
  const rank = RANK.get(key);
  if (rank === undefined || omitted(key, value)) return orderMetadata({ ...metadata, [key]: value });
  const out: Record<string, unknown> = {};
  let placed = false;
  let last = -1;
  for (const k in fields) {
    if (k === key) continue;
    const r = RANK.get(k) ?? METADATA_ORDER.length;
    if (r < last || omitted(k, fields[k])) return orderMetadata({ ...metadata, [key]: value });
    last = r;
    if (!placed && r > rank) {
      out[key] = value;
      placed = true;
    }
    out[k] = fields[k];
  }
  if (!placed) out[key] = value;
  return out as KubeObject['metadata'];
}

const HEAD = ['apiVersion', 'kind', 'metadata'];

/** Whether the object's first fields are apiVersion, kind and metadata, in that order. */
function headInOrder(object: KubeObject): boolean {
  let i = 0;
  for (const key in object) {
    if (key !== HEAD[i]) return false;
    if (++i === HEAD.length) return true;
  }
  return false;
}

/**
 * The top-level fields in the order the apiserver writes them: apiVersion, kind, metadata, then
 * the rest. An object in order already comes back as it is (its metadata ordered, in a copy):
 * the registry orders every object it writes, and nearly all arrive so.
 */
export function orderObject(object: KubeObject): KubeObject {
  const metadata = orderMetadata(object.metadata);
  if (headInOrder(object)) return metadata === object.metadata ? object : withFields(object, { metadata });
  const { apiVersion, kind, metadata: _unordered, ...rest } = object;
  return { apiVersion, kind, metadata, ...rest } as KubeObject;
}

export function namespacedName(object: KubeObject): string {
  const ns = object.metadata.namespace;
  return ns ? `${ns}/${object.metadata.name ?? ''}` : (object.metadata.name ?? '');
}
