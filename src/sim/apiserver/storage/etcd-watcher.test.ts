/**
 * EtcdWatcher: a client watch served from an etcd watch of its own (etcd3 watcher.go), as
 * Events are served without a watch cache. Table of what a watch from each resourceVersion
 * sees, the selector's transitions, and its errors.
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine';
import { Etcd } from '../../etcd';
import { Network } from '../../network/network';
import type { KubeObject } from '../../api/kube-object';
import type { ClientWatchEvent } from '../../api/watch';
import { EtcdTransport } from './etcd-transport';
import { EtcdWatcher, StorageObserver, type EtcdWatchOptions } from './etcd-watcher';
import type { CacheEvent } from '../cacher/watch-cache';

const PREFIX = '/registry/events/';
const key = (namespace: string, name: string) => `${PREFIX}${namespace}/${name}`;
const event = (namespace: string, name: string, reason: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Event', metadata: { name, namespace }, reason });

function setUp() {
  const engine = new Engine({ seed: 1 });
  const etcd = new Etcd(engine, { compactor: false });
  const network = new Network(engine);
  const transport = new EtcdTransport(etcd, network);
  const deliver = (label: string, run: () => void) => void network.send('etcd', 'kube-apiserver', 'watch-event', label, run);
  const seen: string[] = [];
  const objects: KubeObject[] = [];
  const open = (options: Partial<EtcdWatchOptions> & { revision: number }) =>
    new EtcdWatcher(transport, deliver, { keyPrefix: PREFIX, predicate: () => true, acceptAll: true, ...options }, (e: ClientWatchEvent) => {
      if (e.type === 'ERROR') {
        const status = e.object as { code?: number; reason?: string; message?: string };
        seen.push(`ERROR ${status.code ?? 0} ${status.reason ?? ''}: ${status.message ?? ''}`);
        return;
      }
      const o = e.object as KubeObject & { reason?: string };
      objects.push(o);
      seen.push(`${e.type} ${o.metadata.name ?? ''} ${o.reason ?? ''} rv=${o.metadata.resourceVersion ?? ''}`);
    });
  const settle = () => engine.runUntil(engine.now() + 100);
  return { engine, etcd, network, transport, deliver, seen, objects, open, settle };
}

describe('EtcdWatcher: where a watch starts', () => {
  it('resourceVersion "" / "0": the current objects as ADDED (under the namespace prefix only), then what follows', () => {
    const { etcd, seen, open, settle } = setUp();
    const a = etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'Scheduled') }).header.revision;
    etcd.put({ key: key('kube-system', 'x'), value: event('kube-system', 'x', 'Pulled') });
    const watcher = open({ revision: 0, keyPrefix: `${PREFIX}default/` });
    // The list crosses the network first: nothing is sent synchronously.
    expect(seen).toEqual([]);
    settle();
    expect(seen).toEqual([`ADDED a Scheduled rv=${a}`]);
    const b = etcd.put({ key: key('default', 'b'), value: event('default', 'b', 'Pulling') }).header.revision;
    const a2 = etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'Scheduled2') }).header.revision;
    const gone = etcd.deleteRange({ key: key('default', 'b') }).header.revision;
    etcd.put({ key: key('kube-system', 'y'), value: event('kube-system', 'y', 'Pulled') });
    settle();
    expect(seen.slice(1)).toEqual([`ADDED b Pulling rv=${b}`, `MODIFIED a Scheduled2 rv=${a2}`, `DELETED b Pulling rv=${gone}`]);
    watcher.stop();
  });

  it('an exact resourceVersion: every change after it, replayed from etcd history, none before', () => {
    const { etcd, seen, open, settle } = setUp();
    const first = etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'One') }).header.revision;
    const second = etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'Two') }).header.revision;
    const third = etcd.put({ key: key('default', 'c'), value: event('default', 'c', 'Three') }).header.revision;
    open({ revision: first });
    settle();
    expect(seen).toEqual([`MODIFIED a Two rv=${second}`, `ADDED c Three rv=${third}`]);
  });

  it('a compacted resourceVersion: 410 Expired, "The resourceVersion for the provided watch is too old.", and nothing after', () => {
    const { etcd, seen, open, settle } = setUp();
    const first = etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'One') }).header.revision;
    const second = etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'Two') }).header.revision;
    etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'Three') });
    etcd.compact(second + 1);
    const watcher = open({ revision: first });
    settle();
    etcd.put({ key: key('default', 'd'), value: event('default', 'd', 'Later') });
    settle();
    expect(seen).toEqual(['ERROR 410 Expired: The resourceVersion for the provided watch is too old.']);
    expect(watcher.isStopped).toBe(true);
  });

  it('an update whose previous value was compacted away: the InternalError of parseEvent (PrevKv=nil)', () => {
    const { etcd, seen, open, settle } = setUp();
    const first = etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'One') }).header.revision;
    const second = etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'Two') }).header.revision;
    etcd.compact(second);
    open({ revision: first });
    settle();
    expect(seen).toEqual([`ERROR 500 InternalError: Internal error occurred: etcd event received with PrevKv=nil (key="${key('default', 'a')}", modRevision=${second}, type=PUT)`]);
  });
});

describe('EtcdWatcher: a selector', () => {
  it('makes the transitions watchChan.transform makes: in ADDED, within MODIFIED, out DELETED with the old object, outside nothing', () => {
    const { etcd, seen, objects, open, settle } = setUp();
    const pulled = (o: KubeObject) => (o as { reason?: string }).reason?.startsWith('Pull') === true;
    open({ revision: 0, predicate: pulled, acceptAll: false });
    settle();
    etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'Scheduled') }); // created outside: nothing
    const inRev = etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'Pulling') }).header.revision;
    const within = etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'Pulled') }).header.revision;
    const out = etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'Started') }).header.revision;
    etcd.deleteRange({ key: key('default', 'a') }); // deleted outside: nothing
    const created = etcd.put({ key: key('default', 'b'), value: event('default', 'b', 'Pulling') }).header.revision;
    const deleted = etcd.deleteRange({ key: key('default', 'b') }).header.revision;
    settle();
    expect(seen).toEqual([
      `ADDED a Pulling rv=${inRev}`,
      `MODIFIED a Pulled rv=${within}`,
      // Leaving the selector: the object as it was (still matching), at the update's revision.
      `DELETED a Pulled rv=${out}`,
      `ADDED b Pulling rv=${created}`,
      // A delete carries prevKv's object, stamped with the delete's revision.
      `DELETED b Pulling rv=${deleted}`,
    ]);
    expect(objects.length).toBe(5);
  });
});

describe('EtcdWatcher.stop', () => {
  it('sends nothing more, even what etcd had already sent on its way', () => {
    const { etcd, seen, open, settle } = setUp();
    const watcher = open({ revision: 0 });
    settle();
    etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'One') });
    watcher.stop();
    settle();
    etcd.put({ key: key('default', 'b'), value: event('default', 'b', 'Two') });
    settle();
    expect(seen).toEqual([]);
  });

  it('stopped before its initial list comes back: no ADDED, no etcd watch', () => {
    const { etcd, seen, open, settle } = setUp();
    etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'One') });
    const watcher = open({ revision: 0 });
    watcher.stop();
    settle();
    etcd.put({ key: key('default', 'b'), value: event('default', 'b', 'Two') });
    settle();
    expect(seen).toEqual([]);
  });
});

describe('StorageObserver', () => {
  it('reports changes from now on in the watch cache shape (prevObject from prevKv), until stopped', () => {
    const { etcd, transport, deliver, settle } = setUp();
    etcd.put({ key: key('default', 'old'), value: event('default', 'old', 'Before') });
    const changes: CacheEvent[] = [];
    const observer = new StorageObserver(transport, deliver, PREFIX, (e) => changes.push(e));
    const a = etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'One') }).header.revision;
    const a2 = etcd.put({ key: key('default', 'a'), value: event('default', 'a', 'Two') }).header.revision;
    const gone = etcd.deleteRange({ key: key('default', 'a') }).header.revision;
    settle();
    const shape = (e: CacheEvent) => [e.type, e.key, (e.object as { reason?: string }).reason, e.object.metadata.resourceVersion, (e.prevObject as { reason?: string } | undefined)?.reason, e.resourceVersion];
    expect(changes.map(shape)).toEqual([
      ['ADDED', key('default', 'a'), 'One', String(a), undefined, a],
      ['MODIFIED', key('default', 'a'), 'Two', String(a2), 'One', a2],
      ['DELETED', key('default', 'a'), 'Two', String(gone), 'Two', gone],
    ]);
    observer.stop();
    etcd.put({ key: key('default', 'b'), value: event('default', 'b', 'Three') });
    settle();
    expect(changes.length).toBe(3);
  });
});
