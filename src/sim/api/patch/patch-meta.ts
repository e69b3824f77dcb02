/**
 * Which list fields strategic merge patch merges instead of replacing, and by which key: the
 * `patchStrategy:"merge" patchMergeKey:"..."` struct tags of k8s.io/api, for the kinds the
 * simulator serves. A list not named here is atomic (the patch replaces it), as upstream treats
 * untagged lists (tolerations, args, command, rules, subjects ...).
 */

export type ListStrategy = { readonly kind: 'merge-by-key'; readonly key: string } | { readonly kind: 'merge-primitives' };

const byKey = (key: string): ListStrategy => ({ kind: 'merge-by-key', key });

/**
 * PodStatus's lists besides conditions (k8s.io/api core/v1 types.go, 1.32; resourceClaimStatuses
 * is `merge,retainKeys`, whose $retainKeys a patch carries itself). initContainerStatuses,
 * containerStatuses and ephemeralContainerStatuses carry no patch strategy (`+listType=atomic`):
 * replaced whole.
 */
const POD_STATUS_LISTS: Readonly<Record<string, ListStrategy>> = {
  hostIPs: byKey('ip'),
  podIPs: byKey('ip'),
  resourceClaimStatuses: byKey('name'),
};

/** Lists inside a PodSpec, by their path from the PodSpec. */
const POD_SPEC_LISTS: Readonly<Record<string, ListStrategy>> = {
  volumes: byKey('name'),
  containers: byKey('name'),
  initContainers: byKey('name'),
  ephemeralContainers: byKey('name'),
  imagePullSecrets: byKey('name'),
  hostAliases: byKey('ip'),
  topologySpreadConstraints: byKey('topologyKey'),
  resourceClaims: byKey('name'),
  schedulingGates: byKey('name'),
};

/** Lists inside a Container. */
const CONTAINER_LISTS: Readonly<Record<string, ListStrategy>> = {
  ports: byKey('containerPort'),
  env: byKey('name'),
  volumeMounts: byKey('mountPath'),
  volumeDevices: byKey('devicePath'),
};

const CONTAINER_FIELDS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

function podSpecList(path: readonly string[]): ListStrategy | undefined {
  if (path.length === 1) return POD_SPEC_LISTS[path[0] as string];
  if (path.length === 2 && CONTAINER_FIELDS.has(path[0] as string)) return CONTAINER_LISTS[path[1] as string];
  return undefined;
}

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

/** The strategy for the list at `path` (map keys from the object's root, list positions left out). */
export function listStrategy(kind: string, path: readonly string[]): ListStrategy | undefined {
  const [first, second] = path;
  if (first === 'metadata') {
    if (second === 'finalizers' && path.length === 2) return { kind: 'merge-primitives' };
    if (second === 'ownerReferences' && path.length === 2) return byKey('uid');
    return undefined;
  }
  if (first === 'status' && path.length === 2) {
    if (second === 'conditions') return byKey('type');
    if (kind === 'Pod') return POD_STATUS_LISTS[second as string];
    if (kind === 'Node' && second === 'addresses') return byKey('type');
    return undefined;
  }
  if (first !== 'spec') return undefined;
  const rest = path.slice(1);
  switch (kind) {
    case 'Pod':
      return podSpecList(rest);
    case 'Service':
      return rest.length === 1 && rest[0] === 'ports' ? byKey('port') : undefined;
    default:
      if (WORKLOADS.has(kind) && rest[0] === 'template' && rest[1] === 'spec') return podSpecList(rest.slice(2));
      return undefined;
  }
}
