/** WatchCacheByKey: an etcd key leads to the object its resource's watch cache holds there. */
import { describe, expect, it } from 'vitest';
import { startedCluster } from '../../testing/test-cluster';
import { WatchCacheByKey } from './watch-cache-by-key';

describe('WatchCacheByKey', () => {
  it("finds a cluster-scoped or a namespaced key's object in its resource's cache, and nothing at a key no cache holds", () => {
    const cluster = startedCluster();
    const byKey = new WatchCacheByKey(cluster.apiserver.caches.values());
    const namespace = byKey.get('/registry/namespaces/default');
    expect(namespace?.kind).toBe('Namespace');
    expect(namespace).toBe(cluster.apiserver.caches.get('namespaces')?.get('/registry/namespaces/default'));
    const account = byKey.get('/registry/serviceaccounts/default/default');
    expect(account?.kind).toBe('ServiceAccount');
    expect(byKey.get('/registry/serviceaccounts/default/missing')).toBeUndefined();
    expect(byKey.get('/registry/no-such-resource/default/default')).toBeUndefined();
    expect(byKey.get('unrelated')).toBeUndefined();
  });
});
