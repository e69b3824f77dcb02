/**
 * The watch caches' current object at an etcd key, whatever its resource: what the cacher hands
 * its store as cachedExistingObject (cacher.go GuaranteedUpdate), found here from the key's own
 * shape, `/registry/<prefix>/<name>` or `/registry/<prefix>/<namespace>/<name>`.
 */
import type { KubeObject } from '../../api/kube-object';
import type { WatchCache } from './watch-cache';
import type { CachedObject } from '../storage/etcd3-store';

export class WatchCacheByKey {
  private readonly byPrefix = new Map<string, WatchCache>();

  constructor(caches: Iterable<WatchCache>) {
    for (const cache of caches) this.byPrefix.set(cache.prefix, cache);
  }

  /** A cache asked about a key outside its prefix holds nothing there: a wrong guess finds nothing. */
  get(key: string): KubeObject | undefined {
    return this.cacheOf(key)?.get(key);
  }

  /** The object at `key` with the key-value it was decoded from (the update's starting point). */
  stored(key: string): CachedObject | undefined {
    return this.cacheOf(key)?.stored(key);
  }

  private cacheOf(key: string): WatchCache | undefined {
    const name = key.lastIndexOf('/');
    return this.byPrefix.get(key.slice(0, name + 1)) ?? this.byPrefix.get(key.slice(0, key.lastIndexOf('/', name - 1) + 1));
  }
}
