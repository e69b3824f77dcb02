/**
 * Etcd3Store's GuaranteedUpdate over a real etcd: the object an update starts from is what etcd
 * holds at the key, whether it comes decoded from the value read, from the watch cache, or from
 * the store's own last write.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine';
import { Etcd } from '../../etcd';
import { Network } from '../../network/network';
import type { KubeObject } from '../../api/kube-object';
import { makeConfigMap } from '../../testing/builders';
import { JustWritten } from './codec';
import { EtcdTransport } from './etcd-transport';
import { Etcd3Store } from './etcd3-store';

const KEY = '/registry/configmaps/default/settings';

function setup(cached: (key: string) => KubeObject | undefined) {
  const engine = new Engine({ seed: 1 });
  const etcd = new Etcd(engine);
  const store = new Etcd3Store(new EtcdTransport(etcd, new Network(engine)), new JustWritten(), cached);
  const run = <T>(op: (done: (r: { ok: boolean; value?: T }) => void) => void): T => {
    const box: { r?: { ok: boolean; value?: T } } = {};
    op((r) => (box.r = r));
    while (!box.r && engine.step()) {
      // until answered
    }
    if (!box.r?.ok) throw new Error('storage call failed');
    return box.r.value as T;
  };
  return { etcd, store, run };
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

describe('Etcd3Store.guaranteedUpdate: the object it starts from', () => {
  it("is the watch cache's object when that is the key's current revision, decoded once", () => {
    const cache: { object?: KubeObject } = {};
    const { store, run } = setup(() => cache.object);
    cache.object = run<KubeObject>((done) => store.create(KEY, makeConfigMap('settings', { a: '1' }), done));
    expect(currentSeenBy(store, run)).toBe(cache.object);
  });

  it("is decoded from etcd's value when the watch cache lags behind a write it has not seen (etcdctl put)", () => {
    const cache: { object?: KubeObject } = {};
    const { etcd, store, run } = setup(() => cache.object);
    cache.object = run<KubeObject>((done) => store.create(KEY, makeConfigMap('settings', { a: '1' }), done));
    etcd.put({ key: KEY, value: JSON.stringify(makeConfigMap('settings', { a: 'etcd' })) });
    const current = currentSeenBy(store, run);
    expect(current['data']).toEqual({ a: 'etcd' });
    expect(current.metadata.resourceVersion).toBe(String(etcd.range({ key: KEY }).kvs[0]?.modRevision));
  });

  it("is the store's own last write when no watch cache has it yet, and etcd's value once someone else wrote the key", () => {
    const { etcd, store, run } = setup(() => undefined);
    const written = run<KubeObject>((done) => store.create(KEY, makeConfigMap('settings', { a: '1' }), done));
    expect(currentSeenBy(store, run)).toBe(written);
    etcd.put({ key: KEY, value: JSON.stringify(makeConfigMap('settings', { a: 'etcd' })) });
    expect(currentSeenBy(store, run)['data']).toEqual({ a: 'etcd' });
  });
});
