/**
 * Etcd3Store's GuaranteedUpdate over a real etcd: the object an update starts from is what etcd
 * holds at the key, whether it comes from the watch cache (without reading etcd, as the cacher
 * passes cachedExistingObject down), decoded from the value read, or from the store's own last
 * write; a stale cached copy costs a failed compare, never a lost write or a wrong answer.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine';
import { Etcd } from '../../etcd';
import { Network } from '../../network/network';
import type { KubeObject } from '../../api/kube-object';
import { makeConfigMap } from '../../testing/builders';
import { decodeKeyValue, JustWritten } from './codec';
import { EtcdTransport } from './etcd-transport';
import { Etcd3Store, StorageError, type CachedObject, type TryUpdate } from './etcd3-store';

const KEY = '/registry/configmaps/default/settings';

function setup(cached: (key: string) => CachedObject | undefined) {
  const engine = new Engine({ seed: 1 });
  const etcd = new Etcd(engine);
  const ranges = { count: 0 };
  const range = etcd.range.bind(etcd);
  etcd.range = (request) => {
    ranges.count++;
    return range(request);
  };
  const store = new Etcd3Store(new EtcdTransport(etcd, new Network(engine)), new JustWritten(), cached);
  const run = <T>(op: (done: (r: { ok: boolean; value?: T }) => void) => void): T => {
    const box: { r?: { ok: boolean; value?: T } } = {};
    op((r) => (box.r = r));
    while (!box.r && engine.step()) {
      // until answered
    }
    if (!box.r?.ok) throw (box.r as { error?: unknown } | undefined)?.error ?? new Error('storage call failed');
    return box.r.value as T;
  };
  return { etcd, store, run, ranges };
}

/** Starts an update and hands back the object it started from. */
function currentSeenBy(store: Etcd3Store, run: ReturnType<typeof setup>['run']): KubeObject {
  let seen: KubeObject | undefined;
  run<KubeObject>((done) =>
    store.guaranteedUpdate(
      KEY,
      (current) => {
        seen = current;
        return current;
      },
      done,
    ),
  );
  if (!seen) throw new Error('tryUpdate not called');
  return seen;
}

/** What the watch cache would hold for the key now: etcd's value and its decoding. */
function cachedNow(etcd: Etcd, object: KubeObject): CachedObject {
  const kv = etcd.range({ key: KEY }).kvs[0];
  if (!kv) throw new Error('no key');
  return { object, kv };
}

function update(store: Etcd3Store, run: ReturnType<typeof setup>['run'], tryUpdate: TryUpdate, preconditionRV?: string): KubeObject {
  return run<KubeObject>((done) => store.guaranteedUpdate(KEY, tryUpdate, done, preconditionRV ? { preconditionRV } : {}));
}

const withData = (value: string): TryUpdate => (current) => ({ ...current, data: { a: value } });

describe('Etcd3Store.guaranteedUpdate: the object it starts from', () => {
  it("is the watch cache's object and bytes, with no read of etcd, when the cache is current", () => {
    const cache: { stored?: CachedObject } = {};
    const { etcd, store, run, ranges } = setup(() => cache.stored);
    cache.stored = cachedNow(etcd, run<KubeObject>((done) => store.create(KEY, makeConfigMap('settings', { a: '1' }), done)));
    const before = ranges.count;
    expect(currentSeenBy(store, run)).toBe(cache.stored.object);
    const written = update(store, run, withData('2'));
    expect(ranges.count - before).toBe(1); // only the no-op above, made sure of on etcd
    expect(written['data']).toEqual({ a: '2' });
    expect(written.metadata.resourceVersion).toBe(String(etcd.range({ key: KEY }).kvs[0]?.modRevision));
  });

  it("retries with etcd's value when the watch cache lags behind a write it has not seen (etcdctl put)", () => {
    const cache: { stored?: CachedObject } = {};
    const { etcd, store, run } = setup(() => cache.stored);
    cache.stored = cachedNow(etcd, run<KubeObject>((done) => store.create(KEY, makeConfigMap('settings', { a: '1', b: 'x' }), done)));
    etcd.put({ key: KEY, value: JSON.stringify(makeConfigMap('settings', { a: 'etcd', b: 'y' })) });
    const seen: KubeObject[] = [];
    const written = update(store, run, (current) => {
      seen.push(current);
      return { ...current, data: { ...(current['data'] as object), a: '2' } };
    });
    expect(seen.map((o) => o['data'])).toEqual([
      { a: '1', b: 'x' },
      { a: 'etcd', b: 'y' },
    ]);
    expect(written['data']).toEqual({ a: '2', b: 'y' });
    expect(JSON.parse(etcd.range({ key: KEY }).kvs[0]?.value ?? '{}').data).toEqual({ a: '2', b: 'y' });
  });

  it("is the store's own last write when no watch cache has it yet, and etcd's value once someone else wrote the key", () => {
    const { etcd, store, run } = setup(() => undefined);
    const written = run<KubeObject>((done) => store.create(KEY, makeConfigMap('settings', { a: '1' }), done));
    expect(currentSeenBy(store, run)).toBe(written);
    etcd.put({ key: KEY, value: JSON.stringify(makeConfigMap('settings', { a: 'etcd' })) });
    expect(currentSeenBy(store, run)['data']).toEqual({ a: 'etcd' });
  });
});

describe('Etcd3Store.guaranteedUpdate: a rejection or no-op found on a cached copy', () => {
  it('stands when etcd still holds the cached revision (a Conflict on a stale resourceVersion)', () => {
    const cache: { stored?: CachedObject } = {};
    const { etcd, store, run, ranges } = setup(() => cache.stored);
    cache.stored = cachedNow(etcd, run<KubeObject>((done) => store.create(KEY, makeConfigMap('settings', { a: '1' }), done)));
    const before = ranges.count;
    expect(() => update(store, run, withData('2'), '1')).toThrow(StorageError);
    expect(ranges.count - before).toBe(1);
  });

  it("is worked out again on etcd's value when the cache lagged: the client's resourceVersion was the current one", () => {
    const cache: { stored?: CachedObject } = {};
    const { etcd, store, run } = setup(() => cache.stored);
    cache.stored = cachedNow(etcd, run<KubeObject>((done) => store.create(KEY, makeConfigMap('settings', { a: '1' }), done)));
    etcd.put({ key: KEY, value: JSON.stringify(makeConfigMap('settings', { a: 'etcd' })) });
    const rv = String(etcd.range({ key: KEY }).kvs[0]?.modRevision);
    expect(update(store, run, withData('2'), rv)['data']).toEqual({ a: '2' });
  });

  it('an error from tryUpdate on a stale copy is retried on the fresh one; on a current copy it is returned', () => {
    const cache: { stored?: CachedObject } = {};
    const { etcd, store, run } = setup(() => cache.stored);
    cache.stored = cachedNow(etcd, run<KubeObject>((done) => store.create(KEY, makeConfigMap('settings', { a: '1' }), done)));
    const refuseOne: TryUpdate = (current) => {
      if ((current['data'] as { a: string }).a === '1') throw new Error('refused');
      return { ...current, data: { a: 'ok' } };
    };
    expect(() => update(store, run, refuseOne)).toThrow('refused');
    etcd.put({ key: KEY, value: JSON.stringify(makeConfigMap('settings', { a: 'etcd' })) });
    expect(update(store, run, refuseOne)['data']).toEqual({ a: 'ok' });
  });

  it("a no-op on a stale copy is not answered from it: etcd's newer value is updated instead", () => {
    const cache: { stored?: CachedObject } = {};
    const { etcd, store, run } = setup(() => cache.stored);
    cache.stored = cachedNow(etcd, run<KubeObject>((done) => store.create(KEY, makeConfigMap('settings', { a: '2' }), done)));
    etcd.put({ key: KEY, value: JSON.stringify(makeConfigMap('settings', { a: 'etcd' })) });
    const written = update(store, run, withData('2'));
    expect(written['data']).toEqual({ a: '2' });
    expect(written.metadata.resourceVersion).toBe(String(etcd.range({ key: KEY }).kvs[0]?.modRevision));
  });
});

describe('Etcd3Store.get', () => {
  const decoded = (etcd: Etcd): KubeObject => {
    const kv = etcd.range({ key: KEY }).kvs[0];
    if (!kv) throw new Error('no key');
    return decodeKeyValue(kv);
  };

  it("answers a fresh object equal to etcd's value, never the watch cache's own", () => {
    const cache: { stored?: CachedObject } = {};
    const { etcd, store, run } = setup(() => cache.stored);
    cache.stored = cachedNow(etcd, run<KubeObject>((done) => store.create(KEY, makeConfigMap('settings', { a: '1' }), done)));
    const got = run<KubeObject | undefined>((done) => store.get(KEY, done));
    expect(JSON.stringify(got)).toBe(JSON.stringify(decoded(etcd)));
    expect(got).not.toBe(cache.stored.object);
    // The client's to change: a second GET and the cache are untouched by it.
    (got?.['data'] as Record<string, string>)['a'] = 'changed by the client';
    expect(run<KubeObject | undefined>((done) => store.get(KEY, done))?.['data']).toEqual({ a: '1' });
    expect(cache.stored.object['data']).toEqual({ a: '1' });
  });

  it("decodes etcd's value when the cache holds an older revision of the key (written by etcdctl)", () => {
    const cache: { stored?: CachedObject } = {};
    const { etcd, store, run } = setup(() => cache.stored);
    cache.stored = cachedNow(etcd, run<KubeObject>((done) => store.create(KEY, makeConfigMap('settings', { a: '1' }), done)));
    etcd.put({ key: KEY, value: JSON.stringify(makeConfigMap('settings', { a: 'etcd' })) });
    const got = run<KubeObject | undefined>((done) => store.get(KEY, done));
    expect(got?.['data']).toEqual({ a: 'etcd' });
    expect(JSON.stringify(got)).toBe(JSON.stringify(decoded(etcd)));
  });
});
