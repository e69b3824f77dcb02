/**
 * The watch caches' current object at an etcd key, whatever its resource: what the cacher hands
 * its store as cachedExistingObject (cacher.go GuaranteedUpdate), found here from the key's own
 * shape, `/registry/<prefix>/<name>` or `/registry/<prefix>/<namespace>/<name>`.
 */
import type { KubeObject } from '../../api/kube-object';
import type { WatchCache } from './watch-cache';

export class WatchCacheByKey {
  private readonly byPrefix = new Map<string, WatchCache>();

  constructor(caches: Iterable<WatchCache>) {
    for (const cache of caches) this.byPrefix.set(cache.prefix, cache);
  }

  /** A cache asked about a key outside its prefix holds nothing there: a wrong guess finds nothing. */
  get(key: string): KubeObject | undefined {
    const name = key.lastIndexOf('/');
    const clusterScoped = this.byPrefix.get(key.slice(0, name + 1));
    if (clusterScoped) return clusterScoped.get(key);
    return this.byPrefix.get(key.slice(0, key.lastIndexOf('/', name - 1) + 1))?.get(key);
  }
}
