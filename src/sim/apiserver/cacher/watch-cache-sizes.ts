/**
 * Which resources kube-apiserver serves without a watch cache: a port of
 * DefaultWatchCacheSizes (pkg/kubeapiserver/default_storage_factory_builder.go). A size of 0
 * disables the cacher for the resource, and upstream ships exactly two such entries, both for
 * Events: they are written often (several per pod), read seldom (`kubectl describe`,
 * `kubectl get events`), and expire after an hour on their etcd lease, so keeping them all in
 * memory would cost more than serving the rare reader from etcd.
 *
 * For such a resource GET and LIST go to etcd (registry/generic-registry.ts) and every WATCH
 * is an etcd watch of its own (storage/etcd-watcher.ts). `--watch-cache-sizes=events#100`
 * would turn the cache back on upstream; the simulation takes no such flag.
 */
import type { ResourceInfo } from '../../api/resources';

/** `group/resource` (core group: `/resource`) -> watch cache size; 0 means no watch cache. */
export const DEFAULT_WATCH_CACHE_SIZES: ReadonlyMap<string, number> = new Map([
  ['/events', 0],
  // Served upstream from the same /registry/events/ prefix; the simulation serves only core/v1
  // Events, so this entry matters only once events.k8s.io is added to RESOURCES.
  ['events.k8s.io/events', 0],
]);

/** Whether the apiserver keeps a watch cache for this resource (everything but Events). */
export function watchCacheEnabled(info: Pick<ResourceInfo, 'group' | 'resource'>): boolean {
  return DEFAULT_WATCH_CACHE_SIZES.get(`${info.group}/${info.resource}`) !== 0;
}
