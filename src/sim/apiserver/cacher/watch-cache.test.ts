import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine';
import { Etcd } from '../../etcd';
import { WatchCache } from './watch-cache';
import { indexedTriggerFor } from './indexed-trigger';

const PREFIX = '/registry/configmaps/';
const value = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });

/** A cache whose events from etcd take `delayMs` to arrive, as over a slow link. */
function slowCache(delayMs: number) {
  const engine = new Engine({ seed: 1 });
  const etcd = new Etcd(engine);
  const cache = new WatchCache('configmaps', PREFIX, { apiVersion: 'v1', kind: 'ConfigMap' }, etcd, (label, deliver) => engine.schedule(delayMs, label, deliver));
  return { engine, etcd, cache };
}

describe('WatchCache.waitUntilFresh (consistent reads from the cache)', () => {
  it('answers at once when the cache has the revision already', () => {
    const { etcd, cache } = slowCache(50);
    let ready = false;
    cache.waitUntilFresh(etcd.status().header.revision, () => (ready = true));
    expect(ready).toBe(true);
  });

  it('waits for a lagging cache: etcd progress arrives behind the events it had already sent', () => {
    const { engine, etcd, cache } = slowCache(50);
    etcd.put({ key: `${PREFIX}default/a`, value: value('a') });
    const revision = etcd.status().header.revision;
    let seenAtReady: string[] | undefined;
    cache.waitUntilFresh(revision, () => (seenAtReady = cache.keys));
    expect(seenAtReady).toBeUndefined();
    engine.runUntil(engine.now() + 49);
    expect(seenAtReady).toBeUndefined();
    engine.runUntil(engine.now() + 10);
    expect(seenAtReady).toEqual([`${PREFIX}default/a`]);
    expect(cache.resourceVersion).toBeGreaterThanOrEqual(revision);
  });

  it('reaches a revision written outside its prefix through the progress notification alone', () => {
    const { engine, etcd, cache } = slowCache(5);
    etcd.put({ key: '/registry/secrets/default/s', value: '{}' });
    const revision = etcd.status().header.revision;
    let ready = false;
    cache.waitUntilFresh(revision, () => (ready = true));
    expect(ready).toBe(false);
    engine.runUntil(engine.now() + 10);
    expect(ready).toBe(true);
    expect(cache.resourceVersion).toBe(revision);
    expect(engine.trace.tail(5).some((e) => e.label.includes('progress notify'))).toBe(true);
  });
});

describe('WatchCache objects', () => {
  it('serves a key rewritten, deleted and written again the same through get, list, keys and size', () => {
    const { engine, etcd, cache } = slowCache(1);
    const labelled = (name: string, v: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', labels: { v } } });
    const state = () => ({
      get: cache.get(`${PREFIX}default/b`)?.metadata.labels?.['v'],
      list: cache.list('', () => true).items.map((o) => `${o.metadata.name ?? ''}=${o.metadata.labels?.['v'] ?? ''}`),
      keys: cache.keys,
      size: cache.size,
    });
    etcd.put({ key: `${PREFIX}default/b`, value: labelled('b', '1') });
    etcd.put({ key: `${PREFIX}default/a`, value: labelled('a', '1') });
    engine.runUntil(engine.now() + 5);
    etcd.put({ key: `${PREFIX}default/b`, value: labelled('b', '2') });
    engine.runUntil(engine.now() + 5);
    expect(state()).toEqual({ get: '2', list: ['a=1', 'b=2'], keys: [`${PREFIX}default/a`, `${PREFIX}default/b`], size: 2 });
    etcd.deleteRange({ key: `${PREFIX}default/b` });
    engine.runUntil(engine.now() + 5);
    expect(state()).toEqual({ get: undefined, list: ['a=1'], keys: [`${PREFIX}default/a`], size: 1 });
    etcd.put({ key: `${PREFIX}default/b`, value: labelled('b', '3') });
    engine.runUntil(engine.now() + 5);
    expect(state()).toEqual({ get: '3', list: ['a=1', 'b=3'], keys: [`${PREFIX}default/a`, `${PREFIX}default/b`], size: 2 });
    expect(cache.list(`${PREFIX}default/b`, () => true).items.map((o) => o.metadata.labels?.['v'])).toEqual(['3']);
  });
});

describe('WatchCache indexed trigger (pods by spec.nodeName)', () => {
  const POD_PREFIX = '/registry/pods/';
  const pod = (name: string, nodeName: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName } });
  const onNode = (node: string) => (o: { spec?: { nodeName?: string } }) => (o.spec?.nodeName ?? '') === node;

  it("offers an event only to the watchers of its old and new node and to those of no node, in the order they came", () => {
    const engine = new Engine({ seed: 1 });
    const etcd = new Etcd(engine);
    const cache = new WatchCache('pods', POD_PREFIX, { apiVersion: 'v1', kind: 'Pod' }, etcd, (label, deliver) => engine.schedule(1, label, deliver), undefined, undefined, indexedTriggerFor('pods'));
    expect(cache.triggerField).toBe('spec.nodeName');
    const asked: string[] = [];
    const got: string[] = [];
    const watch = (name: string, node: string | undefined) =>
      cache.watch(
        {
          keyPrefix: POD_PREFIX,
          resourceVersion: '',
          allowBookmarks: false,
          predicate: (o) => {
            asked.push(name);
            return node === undefined || onNode(node)(o as never);
          },
          ...(node === undefined ? {} : { triggerValue: node }),
        },
        (e) => got.push(`${name} ${e.type} ${e.type === 'ERROR' || e.type === 'BOOKMARK' ? '' : (e.object.metadata.name ?? '')}`),
      );
    watch('kubelet-a', 'node-a');
    watch('scheduler', undefined);
    watch('kubelet-b', 'node-b');
    watch('kubelet-c', 'node-c');

    etcd.put({ key: `${POD_PREFIX}default/p`, value: pod('p', '') });
    engine.runUntil(engine.now() + 5);
    // Unbound: none of the kubelets is asked.
    expect(asked).toEqual(['scheduler']);
    expect(got).toEqual(['scheduler ADDED p']);

    asked.length = 0;
    got.length = 0;
    etcd.put({ key: `${POD_PREFIX}default/p`, value: pod('p', 'node-b') });
    engine.runUntil(engine.now() + 5);
    expect(got).toEqual(['scheduler MODIFIED p', 'kubelet-b ADDED p']);
    expect(asked).not.toContain('kubelet-a');
    expect(asked).not.toContain('kubelet-c');

    // Moved (as no real pod is, but a watcher must still hear it leave): both nodes' watchers, in order.
    got.length = 0;
    etcd.put({ key: `${POD_PREFIX}default/p`, value: pod('p', 'node-a') });
    engine.runUntil(engine.now() + 5);
    expect(got).toEqual(['kubelet-a ADDED p', 'scheduler MODIFIED p', 'kubelet-b DELETED p']);

    got.length = 0;
    etcd.deleteRange({ key: `${POD_PREFIX}default/p` });
    engine.runUntil(engine.now() + 5);
    expect(got).toEqual(['kubelet-a DELETED p', 'scheduler DELETED p']);
  });

  it('files a watch under nothing when the cache has no trigger', () => {
    expect(indexedTriggerFor('configmaps')).toBeUndefined();
    const { cache } = slowCache(1);
    expect(cache.triggerField).toBeUndefined();
  });
});
