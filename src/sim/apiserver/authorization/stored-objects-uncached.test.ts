/**
 * WatchCacheObjects over a resource without a watch cache (Events): read from etcd through
 * UncachedStorage, listed again whenever etcd's revision moves, and empty without a reader.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/kube-object';
import type { WatchCache } from '../cacher/watch-cache';
import { WatchCacheObjects, type UncachedStorage } from './stored-objects';

/** etcd as a sorted map of keys, with a revision and a count of reads. */
class FakeStorage implements UncachedStorage {
  revision = 1;
  reads = 0;
  readonly kvs = new Map<string, KubeObject>();
  isUncached(resource: string): boolean {
    return resource === 'events';
  }
  read(key: string, prefix: boolean): readonly KubeObject[] {
    this.reads++;
    return [...this.kvs.keys()]
      .sort()
      .filter((k) => (prefix ? k.startsWith(key) : k === key))
      .map((k) => this.kvs.get(k) as KubeObject);
  }
  put(namespace: string, name: string): void {
    this.kvs.set(`/registry/events/${namespace}/${name}`, { apiVersion: 'v1', kind: 'Event', metadata: { name, namespace } });
    this.revision++;
  }
}

const noCaches = () => new Map<string, WatchCache>();

describe('WatchCacheObjects for a resource without a watch cache', () => {
  it('gets and lists from etcd, per namespace, again once the revision moves', () => {
    const storage = new FakeStorage();
    storage.put('demo', 'b');
    storage.put('demo', 'a');
    storage.put('other', 'c');
    const objects = new WatchCacheObjects(noCaches, () => storage);
    expect(objects.list('events', 'demo').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(objects.list('events', '').map((o) => o.metadata.name)).toEqual(['a', 'b', 'c']);
    expect(objects.get('events', 'other', 'c')?.metadata.name).toBe('c');
    expect(objects.get('events', 'other', 'a')).toBeUndefined();
    expect(objects.version('events')).toBe(storage.revision);
    const reads = storage.reads;
    objects.list('events', 'demo');
    expect(storage.reads).toBe(reads);
    storage.put('demo', 'd');
    expect(objects.list('events', 'demo').map((o) => o.metadata.name)).toEqual(['a', 'b', 'd']);
    expect(storage.reads).toBe(reads + 1);
  });

  it('reads nothing for a resource that is neither cached nor uncached, nor without a reader', () => {
    const storage = new FakeStorage();
    storage.put('demo', 'a');
    expect(new WatchCacheObjects(noCaches, () => storage).list('pods', '')).toEqual([]);
    expect(new WatchCacheObjects(noCaches).list('events', '')).toEqual([]);
    expect(new WatchCacheObjects(noCaches).version('events')).toBe(0);
  });
});
