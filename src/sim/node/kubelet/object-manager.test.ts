/** The watch-based ConfigMap/Secret manager against a scripted apiserver: list, watch, relist, release. */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine';
import type { ApiResponse } from '../../api/http';
import type { ClientWatchEvent } from '../../api/watch';
import type { RestClient } from '../../client/rest-client';
import { ObjectManager } from './object-manager';

interface FakeServer {
  requests: string[];
  answers: ApiResponse[];
  watches: { path: string; onEvent: (e: ClientWatchEvent) => void; stopped: boolean }[];
}

function fake(): { client: RestClient; server: FakeServer } {
  const server: FakeServer = { requests: [], answers: [], watches: [] };
  const client = {
    component: 'kubelet/node-1',
    request: (method: string, path: string, _o: unknown, done: (r: ApiResponse) => void) => {
      server.requests.push(`${method} ${decodeURIComponent(path)}`);
      const answer = server.answers.shift() ?? { code: 200, body: { metadata: { resourceVersion: '5' }, items: [] }, auditID: '' };
      done(answer);
      return true;
    },
    watch: (path: string, onEvent: (e: ClientWatchEvent) => void) => {
      const w = { path: decodeURIComponent(path), onEvent, stopped: false };
      server.watches.push(w);
      return { stop: () => (w.stopped = true) };
    },
  } as unknown as RestClient;
  return { client, server };
}

const pod = (uid: string, configMaps: string[]) => ({
  metadata: { uid, namespace: 'default', name: uid },
  spec: { containers: [{ name: 'c', envFrom: configMaps.map((name) => ({ configMapRef: { name } })) }] },
});
const cm = (data: Record<string, string>, rv: string) => ({ metadata: { name: 'special-config', namespace: 'default', resourceVersion: rv }, data }) as never;

describe('ObjectManager (watch_based_manager)', () => {
  it('lists one object by name, follows its watch, and tells the waiting pods once', () => {
    const engine = new Engine({ seed: 1 });
    const { client, server } = fake();
    const synced: string[][] = [];
    const m = new ObjectManager(engine, client, 'configmaps', (uids) => synced.push([...uids]));
    m.registerPod(pod('p1', ['special-config']) as never);
    expect(server.requests).toEqual(['GET /api/v1/namespaces/default/configmaps?fieldSelector=metadata.name=special-config&resourceVersion=0']);
    expect(m.get('default', 'special-config')).toEqual({ state: 'absent' });
    expect(synced).toEqual([['p1']]);
    expect(server.watches[0]?.path).toContain('resourceVersion=5&watch=true');
    server.watches[0]?.onEvent({ type: 'ADDED', object: cm({ a: 'b' }, '6') });
    expect(m.get('default', 'special-config')).toEqual({ state: 'present', data: { a: 'b' }, resourceVersion: '6' });
    server.watches[0]?.onEvent({ type: 'DELETED', object: cm({ a: 'b' }, '7') });
    expect(m.get('default', 'special-config')).toEqual({ state: 'absent' });
    expect(synced).toHaveLength(1);
    expect(m.get('default', 'other')).toEqual({ state: 'pending' });
  });

  it('relists after a failed list (1 s later) and at once after a 410 on the watch', () => {
    const engine = new Engine({ seed: 1 });
    const { client, server } = fake();
    server.answers.push({ code: 403, body: {}, auditID: '' });
    const m = new ObjectManager(engine, client, 'configmaps', () => {});
    m.registerPod(pod('p1', ['special-config']) as never);
    expect(m.get('default', 'special-config')).toEqual({ state: 'pending' });
    engine.runFor(999);
    expect(server.requests).toHaveLength(1);
    engine.runFor(1);
    expect(server.requests).toHaveLength(2);
    expect(m.get('default', 'special-config')).toEqual({ state: 'absent' });
    server.watches[0]?.onEvent({ type: 'ERROR', object: { code: 410 } as never });
    engine.runFor(0);
    expect(server.requests).toHaveLength(3);
  });

  it('stops watching an object no pod references; stop() and start() close and relist', () => {
    const engine = new Engine({ seed: 1 });
    const { client, server } = fake();
    const m = new ObjectManager(engine, client, 'configmaps', () => {});
    m.registerPod(pod('p1', ['a', 'b']) as never);
    m.registerPod(pod('p2', ['a']) as never);
    expect(server.requests).toHaveLength(2);
    m.registerPod(pod('p1', ['a']) as never); // p1 no longer references b
    expect(server.watches.find((w) => w.path.includes('metadata.name=b'))?.stopped).toBe(true);
    expect(m.get('default', 'b')).toEqual({ state: 'pending' });
    m.unregisterPod('p1');
    expect(server.watches.find((w) => w.path.includes('metadata.name=a'))?.stopped).toBe(false);
    m.stop();
    expect(server.watches.every((w) => w.stopped)).toBe(true);
    m.start();
    expect(server.requests.at(-1)).toContain('metadata.name=a');
    m.unregisterPod('p2');
    expect(m.get('default', 'a')).toEqual({ state: 'pending' });
  });

  it('does not watch an immutable object once seen', () => {
    const engine = new Engine({ seed: 1 });
    const { client, server } = fake();
    server.answers.push({ code: 200, body: { metadata: { resourceVersion: '9' }, items: [{ metadata: { resourceVersion: '8' }, data: { a: 'b' }, immutable: true }] }, auditID: '' });
    const m = new ObjectManager(engine, client, 'configmaps', () => {});
    m.registerPod(pod('p1', ['frozen']) as never);
    expect(m.get('default', 'frozen')).toEqual({ state: 'present', data: { a: 'b' }, resourceVersion: '8' });
    expect(server.watches).toEqual([]);
    m.registerPod(pod('p2', ['thawed']) as never);
    server.watches[0]?.onEvent({ type: 'MODIFIED', object: { metadata: { name: 'thawed', resourceVersion: '10' }, data: { a: 'c' }, immutable: true } as never });
    expect(server.watches[0]?.stopped).toBe(true);
  });
});
