/**
 * How the authorizers and the service-account token authenticator read the cluster's objects:
 * from the apiserver's own watch caches, as upstream reads them through informer listers. The
 * caches exist only once the apiserver does, so the lookup is built around a getter that the
 * cluster assembly fills in after construction; until then nothing is found (RBAC then allows
 * only what system:masters gets from the privileged-group authorizer).
 *
 * Lists are memoised per resource and namespace until that resource's cache moves to a new
 * resourceVersion, so an RBAC check does not re-sort every binding on every request.
 *
 * A resource served without a watch cache (Events, cacher/watch-cache-sizes.ts) is read from
 * etcd through `UncachedStorage` instead: what an informer on it would hold, read when asked.
 */
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { etcdKey, etcdPrefix, resourceByPlural } from '../../api/resources';
import type { KubeObject } from '../../api/kube-object';
import type { WatchCache } from '../cacher/watch-cache';
import type { RbacObjects } from './rbac/authorizer';
import type { NodeGraphSource } from './node/graph';

/** Read access to stored objects by resource (plural, as in RESOURCES). */
export interface StoredObjects {
  get(resource: string, namespace: string, name: string): KubeObject | undefined;
  /** All objects of a resource, in one namespace or (namespace `''`) in all, in key order. */
  list(resource: string, namespace: string): readonly KubeObject[];
  /** Changes whenever any object of the resource changes (the cache's resourceVersion). */
  version(resource: string): number;
}

/** Reads of the resources the apiserver keeps no watch cache for, straight from etcd. */
export interface UncachedStorage {
  /** Whether `resource` (plural) is served without a watch cache. */
  isUncached(resource: string): boolean;
  /** The objects at `key`, or under it when `prefix`, decoded, in key order. */
  read(key: string, prefix: boolean): readonly KubeObject[];
  /** etcd's current revision: what such a resource's reads are as of. */
  readonly revision: number;
}

/** How many get answers are kept per resource between two of its resourceVersions. */
const GETS_KEPT = 1024;

/** StoredObjects over the apiserver's watch caches, found through `caches()` at each call. */
export class WatchCacheObjects implements StoredObjects {
  /** By resource, then namespace: a lookup builds no key string. */
  private readonly memo = new Map<string, Map<string, { cache: WatchCache | undefined; version: number; items: readonly KubeObject[] }>>();

  constructor(
    private readonly caches: () => ReadonlyMap<string, WatchCache> | undefined,
    /** Where a resource without a watch cache is read from; without it such a resource reads as empty. */
    private readonly uncached?: () => UncachedStorage | undefined,
  ) {}

  /** The etcd reader, when `resource` is one of those served without a watch cache. */
  private storageOf(resource: string): UncachedStorage | undefined {
    const storage = this.uncached?.();
    return storage?.isUncached(resource) ? storage : undefined;
  }

  /**
   * Answers of get, by resource, then namespace and name, while the resource's cache stays at
   * one resourceVersion: every service-account token request looks its service account up, and
   * that cache seldom moves. Bounded by GETS_KEPT answers per resource.
   */
  private readonly gets = new Map<string, { cache: WatchCache; version: number; size: number; byNamespace: Map<string, Map<string, KubeObject | undefined>> }>();

  get(resource: string, namespace: string, name: string): KubeObject | undefined {
    const cache = this.caches()?.get(resource);
    if (!cache) {
      const info = resourceByPlural(resource);
      return info ? this.storageOf(resource)?.read(etcdKey(info, namespace, name), false)[0] : undefined;
    }
    let memo = this.gets.get(resource);
    if (memo === undefined || memo.cache !== cache || memo.version !== cache.resourceVersion || memo.size >= GETS_KEPT) {
      memo = { cache, version: cache.resourceVersion, size: 0, byNamespace: new Map() };
      this.gets.set(resource, memo);
    }
    let byName = memo.byNamespace.get(namespace);
    if (byName === undefined) {
      byName = new Map();
      memo.byNamespace.set(namespace, byName);
    } else if (byName.has(name)) {
      return byName.get(name);
    }
    const info = resourceByPlural(resource);
    const object = info ? cache.get(etcdKey(info, namespace, name)) : undefined;
    byName.set(name, object);
    memo.size++;
    return object;
  }

  list(resource: string, namespace: string): readonly KubeObject[] {
    const info = resourceByPlural(resource);
    const cache = this.caches()?.get(resource);
    const storage = cache ? undefined : this.storageOf(resource);
    if (!info || (!cache && !storage)) return [];
    let byNamespace = this.memo.get(resource);
    if (byNamespace === undefined) {
      byNamespace = new Map();
      this.memo.set(resource, byNamespace);
    }
    // Without a cache, the list stands while etcd stays at one revision (a view reading each
    // pending pod's Events reads each namespace once).
    const version = cache ? cache.resourceVersion : (storage as UncachedStorage).revision;
    const memo = byNamespace.get(namespace);
    if (memo && memo.cache === cache && memo.version === version) return memo.items;
    const prefix = etcdPrefix(info, namespace || undefined);
    const items = cache ? cache.list(prefix, () => true).items : (storage as UncachedStorage).read(prefix, true);
    byNamespace.set(namespace, { cache, version, items });
    return items;
  }

  version(resource: string): number {
    const cache = this.caches()?.get(resource);
    if (cache) return cache.resourceVersion;
    return this.storageOf(resource)?.revision ?? 0;
  }
}

/** RBAC's listers (rbac.go's roleGetter, clusterRoleGetter, roleBindingLister, clusterRoleBindingLister). */
export function storedRbacObjects(objects: StoredObjects): RbacObjects {
  // Nearly every request resolves the same few ClusterRoles: remembered by name until the
  // clusterroles cache moves to a new resourceVersion (any change to any ClusterRole).
  const clusterRoles = new Map<string, ClusterRole | undefined>();
  let clusterRolesVersion = -1;
  return {
    getRole: (namespace, name) => objects.get('roles', namespace, name) as Role | undefined,
    getClusterRole: (name) => {
      const version = objects.version('clusterroles');
      // 0: no cache yet (or nothing ever stored), nothing worth remembering.
      if (version === 0) return objects.get('clusterroles', '', name) as ClusterRole | undefined;
      if (version !== clusterRolesVersion) {
        clusterRoles.clear();
        clusterRolesVersion = version;
      }
      if (clusterRoles.has(name)) return clusterRoles.get(name);
      const role = objects.get('clusterroles', '', name) as ClusterRole | undefined;
      clusterRoles.set(name, role);
      return role;
    },
    listRoleBindings: (namespace) => objects.list('rolebindings', namespace) as unknown as readonly RoleBinding[],
    listClusterRoleBindings: () => objects.list('clusterrolebindings', '') as unknown as readonly ClusterRoleBinding[],
  };
}

/** The Node authorizer graph's source: pods indexed by spec.nodeName, rebuilt when pods change. */
export function storedNodeGraphSource(objects: StoredObjects): NodeGraphSource {
  let indexedAt = -1;
  let byNode = new Map<string, Pod[]>();
  return {
    podsOnNode(nodeName) {
      const version = objects.version('pods');
      if (version !== indexedAt) {
        byNode = new Map();
        for (const pod of objects.list('pods', '') as unknown as readonly Pod[]) {
          const node = pod.spec?.nodeName;
          if (!node) continue;
          const list = byNode.get(node);
          if (list) list.push(pod);
          else byNode.set(node, [pod]);
        }
        indexedAt = version;
      }
      return byNode.get(nodeName) ?? [];
    },
    getPersistentVolumeClaim: (namespace, name) => objects.get('persistentvolumeclaims', namespace, name) as PersistentVolumeClaim | undefined,
  };
}
