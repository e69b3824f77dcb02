import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/kube-object';
import { Informer } from './informer';
import { makeConfigMap } from '../testing/builders';
import { call, startedCluster, userClient } from '../testing/test-cluster';

const CM = '/api/v1/namespaces/default/configmaps';

describe('Informer (client-go shared informer: list, then watch from the list)', () => {
  it('lists once, then follows the watch: adds, updates and deletes reach the handlers and the lister', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', CM, { body: makeConfigMap('before', { a: '1' }) });

    const informer = new Informer(cluster.engine, userClient(cluster), 'configmaps', 'default');
    const seen: string[] = [];
    informer.addEventHandler({
      onAdd: (o) => seen.push(`add ${o.metadata.name}`),
      onUpdate: (_old, o) => seen.push(`update ${o.metadata.name} ${(o as KubeObject & { data: Record<string, string> }).data['a']}`),
      onDelete: (o) => seen.push(`delete ${o.metadata.name}`),
    });
    informer.start();
    cluster.engine.runUntil(cluster.engine.now() + 100);
    expect(informer.hasSynced()).toBe(true);
    expect(informer.stats).toMatchObject({ lists: 1, watches: 1 });

    call(cluster, admin, 'POST', CM, { body: makeConfigMap('after', { a: '1' }) });
    call(cluster, admin, 'PUT', `${CM}/after`, { body: makeConfigMap('after', { a: '2' }) });
    call(cluster, admin, 'DELETE', `${CM}/before`);
    cluster.engine.runUntil(cluster.engine.now() + 100);

    expect(seen.filter((s) => !s.includes('kube-root-ca.crt'))).toEqual(['add before', 'add after', 'update after 2', 'delete before']);
    expect(informer.get('default', 'after')?.metadata.resourceVersion).toBe(
      String((call(cluster, admin, 'GET', `${CM}/after`).body as KubeObject).metadata.resourceVersion),
    );
    const names = informer.list('default').map((o) => o.metadata.name);
    expect(names).toContain('after');
    expect(names).not.toContain('before');
    expect(informer.stats.lists).toBe(1);
  });

  it('keeps a named index as objects come, change and go: ByIndex copies the bucket, indexed reads it in place', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const informer = new Informer(cluster.engine, userClient(cluster), 'configmaps', 'default');
    informer.addIndexer('byA', (o) => [String((o as KubeObject & { data?: Record<string, string> }).data?.['a'] ?? '')]);
    informer.start();
    call(cluster, admin, 'POST', CM, { body: makeConfigMap('one', { a: '1' }) });
    call(cluster, admin, 'POST', CM, { body: makeConfigMap('two', { a: '1' }) });
    call(cluster, admin, 'POST', CM, { body: makeConfigMap('three', { a: '2' }) });
    cluster.engine.runUntil(cluster.engine.now() + 100);
    const names = (objects: Iterable<KubeObject>) => [...objects].map((o) => o.metadata.name).sort();
    expect(names(informer.byIndex('byA', '1'))).toEqual(['one', 'two']);
    expect(names(informer.indexed('byA', '1'))).toEqual(['one', 'two']);

    call(cluster, admin, 'PUT', `${CM}/two`, { body: makeConfigMap('two', { a: '2' }) });
    call(cluster, admin, 'DELETE', `${CM}/one`);
    cluster.engine.runUntil(cluster.engine.now() + 100);
    expect(names(informer.indexed('byA', '1'))).toEqual([]);
    expect(names(informer.indexed('byA', '2'))).toEqual(['three', 'two']);
    expect(names(informer.indexed('no-such-index', '2'))).toEqual([]);

    // An update that keeps the index key: the index holds the new version.
    call(cluster, admin, 'PUT', `${CM}/three`, { body: makeConfigMap('three', { a: '2', b: 'new' }) });
    cluster.engine.runUntil(cluster.engine.now() + 100);
    const three = [...informer.indexed('byA', '2')].find((o) => o.metadata.name === 'three') as KubeObject & { data?: Record<string, string> };
    expect(three.data?.['b']).toBe('new');
    expect(three).toBe(informer.get('default', 'three'));
  });

  it('tallies an index by class as objects come, change class, move between keys and go; a tally added late counts what is there', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const informer = new Informer(cluster.engine, userClient(cluster), 'configmaps', 'default');
    const data = (o: KubeObject) => (o as KubeObject & { data?: Record<string, string> }).data ?? {};
    informer.addIndexer('byA', (o) => [data(o)['a'] ?? '']);
    informer.start();
    call(cluster, admin, 'POST', CM, { body: makeConfigMap('one', { a: '1', b: 'x' }) });
    call(cluster, admin, 'POST', CM, { body: makeConfigMap('two', { a: '1', b: 'x' }) });
    call(cluster, admin, 'POST', CM, { body: makeConfigMap('three', { a: '1', b: 'y' }) });
    // No class: left out of the tally, though in the index.
    call(cluster, admin, 'POST', CM, { body: makeConfigMap('four', { a: '1' }) });
    cluster.engine.runUntil(cluster.engine.now() + 100);
    informer.addIndexTally('byB', 'byA', (o) => data(o)['b']);
    const counts = (key: string) => Object.fromEntries([...informer.indexTally('byB', key)].map(([cls, c]) => [cls, c.count]));
    expect(counts('1')).toEqual({ x: 2, y: 1 });
    expect(data(informer.indexTally('byB', '1').get('y')?.sample ?? ({} as KubeObject))['b']).toBe('y');

    // A change of class within a key, a move to another key, and a deletion.
    call(cluster, admin, 'PUT', `${CM}/one`, { body: makeConfigMap('one', { a: '1', b: 'y' }) });
    call(cluster, admin, 'PUT', `${CM}/two`, { body: makeConfigMap('two', { a: '2', b: 'x' }) });
    call(cluster, admin, 'DELETE', `${CM}/three`);
    cluster.engine.runUntil(cluster.engine.now() + 100);
    expect(counts('1')).toEqual({ y: 1 });
    expect(counts('2')).toEqual({ x: 1 });
    expect(informer.byIndex('byA', '1').map((o) => o.metadata.name).sort()).toEqual(['four', 'one']);
    call(cluster, admin, 'DELETE', `${CM}/one`);
    cluster.engine.runUntil(cluster.engine.now() + 100);
    expect(counts('1')).toEqual({});
    expect(() => informer.indexTally('nope', '1')).toThrow('informer: no tally nope');
    expect(() => informer.addIndexTally('t', 'noIndex', () => '')).toThrow('informer: no index noIndex to tally');
  });

  it('replays the cache to a handler added late, as client-go does', () => {
    const cluster = startedCluster();
    const informer = new Informer(cluster.engine, userClient(cluster), 'namespaces');
    informer.start();
    cluster.engine.runUntil(cluster.engine.now() + 100);
    const added: string[] = [];
    informer.addEventHandler({ onAdd: (o) => added.push(o.metadata.name ?? '') });
    expect(added.sort()).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('retries its list after a failure (403 for a user without rights) and syncs once allowed', () => {
    const cluster = startedCluster();
    const informer = new Informer(cluster.engine, userClient(cluster, 'alice'), 'secrets', 'default');
    informer.start();
    cluster.engine.runUntil(cluster.engine.now() + 100);
    expect(informer.hasSynced()).toBe(false);
    expect(informer.stats.lists).toBe(1);
    cluster.engine.runUntil(cluster.engine.now() + 5_000);
    expect(informer.stats.lists).toBeGreaterThan(1);
    expect(informer.hasSynced()).toBe(false);
  });
});

describe('Informer after 410 Gone', () => {
  it('relists when its watch answers "too old resource version", and carries on watching', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const real = userClient(cluster);
    // A client whose first watch is answered the way the watch cache answers a version that
    // fell out of its window; later watches are real.
    let watches = 0;
    const client = Object.create(real) as typeof real;
    client.watch = (path, onEvent) => {
      watches++;
      if (watches === 1) {
        cluster.engine.schedule(1, 'test: watch answers 410', () =>
          onEvent({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 1 (200)', reason: 'Expired', code: 410 } }),
        );
        return { stop: () => {} };
      }
      return real.watch(path, onEvent);
    };
    const informer = new Informer(cluster.engine, client, 'configmaps', 'default');
    informer.start();
    cluster.engine.runUntil(cluster.engine.now() + 100);
    expect(informer.stats).toMatchObject({ lists: 2, watches: 2, relistsAfterGone: 1 });
    call(cluster, admin, 'POST', CM, { body: makeConfigMap('after-gone') });
    cluster.engine.runUntil(cluster.engine.now() + 100);
    expect(informer.get('default', 'after-gone')).toBeDefined();
  });
});
