import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine';
import { Etcd } from '../../etcd';
import { WatchCache } from './watch-cache';

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
