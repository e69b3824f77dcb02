/**
 * WatchCacheObjects.get keeps its answers while a resource's cache stays at one resourceVersion:
 * checked against the plain lookup (the cache's get of the object's etcd key) through changes,
 * deletions, a replaced cache and more names than it keeps.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/kube-object';
import type { WatchCache } from '../cacher/watch-cache';
import { WatchCacheObjects } from './stored-objects';

class FakeCache {
  resourceVersion = 1;
  readonly objects = new Map<string, KubeObject>();
  get(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }
  put(key: string, object: KubeObject | undefined): void {
    if (object) this.objects.set(key, object);
    else this.objects.delete(key);
    this.resourceVersion++;
  }
}

describe('WatchCacheObjects.get', () => {
  it('answers as the cache does, after every change', () => {
    let sa = new FakeCache();
    const pods = new FakeCache();
    const caches = () => new Map([['serviceaccounts', sa as unknown as WatchCache], ['pods', pods as unknown as WatchCache]]);
    const objects = new WatchCacheObjects(caches);
    const key = (ns: string, name: string) => `/registry/serviceaccounts/${ns}/${name}`;
    const plain = (ns: string, name: string) => sa.get(key(ns, name));
    const names = Array.from({ length: 1500 }, (_, i) => `sa-${i % 1300}`);
    let step = 0;
    for (const name of names) {
      const ns = step % 3 === 0 ? 'kube-system' : 'default';
      if (step % 7 === 0) sa.put(key(ns, name), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns, uid: `u${step}` } });
      if (step % 11 === 0) sa.put(key('default', 'sa-0'), undefined);
      if (step === 900) sa = new FakeCache(); // a new cache object (a restarted apiserver's)
      expect(objects.get('serviceaccounts', ns, name)).toBe(plain(ns, name));
      expect(objects.get('serviceaccounts', 'default', 'sa-0')).toBe(plain('default', 'sa-0'));
      expect(objects.get('serviceaccounts', ns, name)).toBe(plain(ns, name));
      step++;
    }
    pods.put('/registry/pods/default/p', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } });
    expect(objects.get('pods', 'default', 'p')).toBe(pods.get('/registry/pods/default/p'));
    expect(objects.get('nosuchresource', 'default', 'p')).toBeUndefined();
  });
});
