/**
 * What structured-merge-diff needs beyond field names and types: how each list is merged and
 * which structs are atomic. Upstream reads them from the OpenAPI schema the apiserver serves
 * (`x-kubernetes-list-type`, `x-kubernetes-list-map-keys`, `x-kubernetes-map-type`), which
 * k8s.io/api's `+listType`/`+listMapKey`/`+structType` markers write; a list with a strategic
 * merge key and no marker is a map on that key (kube-openapi schemaconv), one with neither is
 * atomic. `kubernetes-types` (our field schema's source) drops those extensions, so the lists
 * of the kinds we serve are named here, from k8s.io/api 1.32 core/v1, apps/v1, batch/v1,
 * meta/v1 types.go. A list not named is atomic: replaced whole, owned as one field.
 */

export type ListType = { readonly map: readonly string[] } | 'set';

const byName: ListType = { map: ['name'] };
const byType: ListType = { map: ['type'] };

/** Lists by `<type id>.<field>`. */
const LISTS: Readonly<Record<string, ListType>> = {
  // meta/v1 ObjectMeta: +patchStrategy=merge +listType=set / +listType=map +listMapKey=uid
  'meta/v1.ObjectMeta.finalizers': 'set',
  'meta/v1.ObjectMeta.ownerReferences': { map: ['uid'] },
  // core/v1 PodSpec
  'core/v1.PodSpec.volumes': byName,
  'core/v1.PodSpec.containers': byName,
  'core/v1.PodSpec.initContainers': byName,
  'core/v1.PodSpec.ephemeralContainers': byName,
  'core/v1.PodSpec.imagePullSecrets': byName,
  'core/v1.PodSpec.hostAliases': { map: ['ip'] },
  'core/v1.PodSpec.topologySpreadConstraints': { map: ['topologyKey', 'whenUnsatisfiable'] },
  'core/v1.PodSpec.resourceClaims': byName,
  'core/v1.PodSpec.schedulingGates': byName,
  // core/v1 Container, EphemeralContainer: ports +listMapKey=containerPort +listMapKey=protocol
  'core/v1.Container.ports': { map: ['containerPort', 'protocol'] },
  'core/v1.Container.env': byName,
  'core/v1.Container.volumeMounts': { map: ['mountPath'] },
  'core/v1.Container.volumeDevices': { map: ['devicePath'] },
  'core/v1.EphemeralContainer.ports': { map: ['containerPort', 'protocol'] },
  'core/v1.EphemeralContainer.env': byName,
  'core/v1.EphemeralContainer.volumeMounts': { map: ['mountPath'] },
  // core/v1 PodStatus
  'core/v1.PodStatus.conditions': byType,
  'core/v1.PodStatus.podIPs': { map: ['ip'] },
  'core/v1.PodStatus.hostIPs': { map: ['ip'] },
  // core/v1 Service, Node, Namespace
  'core/v1.ServiceSpec.ports': { map: ['port', 'protocol'] },
  'core/v1.ServiceStatus.conditions': byType,
  'core/v1.NodeSpec.podCIDRs': 'set',
  'core/v1.NodeStatus.conditions': byType,
  'core/v1.NodeStatus.addresses': byType,
  'core/v1.NamespaceStatus.conditions': byType,
  // apps/v1, policy/v1 status conditions: +patchMergeKey=type +listType=map +listMapKey=type
  'apps/v1.DeploymentStatus.conditions': byType,
  'apps/v1.ReplicaSetStatus.conditions': byType,
  'apps/v1.StatefulSetStatus.conditions': byType,
  'apps/v1.DaemonSetStatus.conditions': byType,
  'policy/v1.PodDisruptionBudgetStatus.conditions': byType,
  // batch/v1 JobStatus.conditions is +listType=atomic despite its merge key: not listed.
};

/** Structs marked `+structType=atomic`: owned as one field. */
const ATOMIC_STRUCTS = new Set([
  'meta/v1.LabelSelector',
  'core/v1.NodeSelector',
  'core/v1.NodeSelectorTerm',
  'core/v1.LocalObjectReference',
  'core/v1.ObjectReference',
  'core/v1.ConfigMapKeySelector',
  'core/v1.SecretKeySelector',
  'core/v1.ObjectFieldSelector',
  'core/v1.ResourceFieldSelector',
  'core/v1.TypedLocalObjectReference',
  'core/v1.TopologySelectorTerm',
]);

/**
 * Struct fields that are Go values, not pointers: an empty object of the kind (what a create
 * is compared against, `scope.Creater.New`) already has them, so a create does not own them
 * as fields of their own (no `.` under `f:spec`, `f:template`, `f:strategy`).
 */
const VALUE_STRUCTS: Readonly<Record<string, readonly string[]>> = {
  'apps/v1.DeploymentSpec': ['template', 'strategy'],
  'apps/v1.ReplicaSetSpec': ['template'],
  'apps/v1.StatefulSetSpec': ['template', 'updateStrategy'],
  'apps/v1.DaemonSetSpec': ['template', 'updateStrategy'],
  'batch/v1.JobSpec': ['template'],
  'batch/v1.CronJobSpec': ['jobTemplate'],
  'batch/v1.JobTemplateSpec': ['metadata', 'spec'],
  'core/v1.PodTemplateSpec': ['metadata', 'spec'],
};

/** Every kind's metadata, spec and status are values of its Go struct. */
const ROOT_VALUE_FIELDS = ['metadata', 'spec', 'status'];

export function listTypeOf(typeId: string, field: string): ListType | undefined {
  const key = `${typeId}.${field}`;
  return Object.hasOwn(LISTS, key) ? LISTS[key] : undefined;
}

/** listTypeOf with the ListType's map keys sorted by name (KeyByFields orders them so), kept per list type. */
const sortedKeysOf = new WeakMap<readonly string[], readonly string[]>();
export function sortedMapKeys(keys: readonly string[]): readonly string[] {
  if (keys.length < 2) return keys;
  let sorted = sortedKeysOf.get(keys);
  if (sorted === undefined) {
    sorted = [...keys].sort();
    sortedKeysOf.set(keys, sorted);
  }
  return sorted;
}

export function isAtomicStruct(typeId: string): boolean {
  return ATOMIC_STRUCTS.has(typeId);
}

export function valueStructFields(typeId: string, root: boolean): readonly string[] {
  if (root) return ROOT_VALUE_FIELDS;
  return Object.hasOwn(VALUE_STRUCTS, typeId) ? (VALUE_STRUCTS[typeId] as readonly string[]) : [];
}

/** `"name":` for each key of a sorted key list, made once per list (sortedMapKeys keeps the lists). */
const keyPrefixesOf = new WeakMap<readonly string[], readonly string[]>();
/**
 * The element of a one-key item whose key is a string, by key prefix and value: most list-map
 * items are a condition `type` or a container `name`, the same few texts on every pod. Bounded.
 */
const singleStringElements = new Map<string, Map<string, string>>();
let singleStringElementCount = 0;
const SINGLE_STRING_ELEMENTS_KEPT = 4096;

/**
 * A list-map item's path element: `k:` and JSON of its key fields in `sortedKeys` order, those
 * it lacks left out (KeyByFields). The same text as `k:${JSON.stringify(keyObject)}`, without
 * building the key object.
 */
export function listMapElement(item: Readonly<Record<string, unknown>>, sortedKeys: readonly string[]): string {
  let prefixes = keyPrefixesOf.get(sortedKeys);
  if (prefixes === undefined) {
    prefixes = sortedKeys.map((k) => `${JSON.stringify(k)}:`);
    keyPrefixesOf.set(sortedKeys, prefixes);
  }
  if (sortedKeys.length === 1) {
    const v = item[sortedKeys[0] as string];
    if (typeof v === 'string') {
      const prefix = prefixes[0] as string;
      let byValue = singleStringElements.get(prefix);
      if (byValue === undefined) {
        byValue = new Map();
        singleStringElements.set(prefix, byValue);
      }
      let element = byValue.get(v);
      if (element === undefined) {
        if (singleStringElementCount >= SINGLE_STRING_ELEMENTS_KEPT) {
          singleStringElements.clear();
          singleStringElementCount = 0;
          byValue = new Map();
          singleStringElements.set(prefix, byValue);
        }
        element = `k:{${prefix}${JSON.stringify(v)}}`;
        byValue.set(v, element);
        singleStringElementCount++;
      }
      return element;
    }
  }
  let body = '';
  for (let i = 0; i < sortedKeys.length; i++) {
    const v = item[sortedKeys[i] as string];
    // JSON.stringify leaves out what it cannot write (undefined) as a member of an object.
    if (v === undefined) continue;
    const text = JSON.stringify(v) as string | undefined;
    if (text === undefined) continue;
    body = body === '' ? `${prefixes[i] as string}${text}` : `${body},${prefixes[i] as string}${text}`;
  }
  return `k:{${body}}`;
}
