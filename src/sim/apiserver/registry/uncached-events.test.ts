/**
 * Events are served without a watch cache (DefaultWatchCacheSizes): GET, LIST and WATCH read
 * etcd through a real cluster, with the etcd3 store's semantics (selectors after decoding,
 * paging, resourceVersion as a minimum), updates read etcd before their txn, and the
 * observers' etcd watch is open only while someone observes.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/kube-object';
import type { ClientWatchEvent } from '../../api/watch';
import { DEFAULT_WATCH_CACHE_SIZES, watchCacheEnabled } from '../cacher/watch-cache-sizes';
import { call, startedCluster, userClient, type Cluster } from '../../testing/test-cluster';

const EVENTS = '/api/v1/namespaces/demo/events';

function eventBody(name: string, pod: string, reason: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'demo' },
    involvedObject: { kind: 'Pod', namespace: 'demo', name: pod, apiVersion: 'v1' },
    reason,
    message: `${reason} ${pod}`,
    source: { component: 'test' },
    count: 1,
    type: 'Normal',
  };
}

/** A cluster with namespace demo and events e1..e5 about pods web-1 (e1, e3, e5) and web-2 (e2, e4). */
function withEvents(): { cluster: Cluster; admin: ReturnType<typeof userClient> } {
  const cluster = startedCluster();
  const admin = userClient(cluster);
  expect(call(cluster, admin, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } } }).code).toBe(201);
  for (let i = 1; i <= 5; i++) {
    expect(call(cluster, admin, 'POST', EVENTS, { body: eventBody(`e${i}`, `web-${2 - (i % 2)}`, `Reason${i}`) }).code).toBe(201);
  }
  return { cluster, admin };
}

const names = (body: unknown) => (body as { items: KubeObject[] }).items.map((o) => o.metadata.name);
const meta = (body: unknown) => (body as { metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number } }).metadata;

describe('DefaultWatchCacheSizes', () => {
  it('disables the watch cache for core and events.k8s.io Events only', () => {
    expect([...DEFAULT_WATCH_CACHE_SIZES]).toEqual([
      ['/events', 0],
      ['events.k8s.io/events', 0],
    ]);
    expect(watchCacheEnabled({ group: '', resource: 'events' })).toBe(false);
    expect(watchCacheEnabled({ group: '', resource: 'pods' })).toBe(true);
    const cluster = startedCluster();
    expect(cluster.apiserver.caches.has('events')).toBe(false);
    expect(cluster.apiserver.caches.has('pods')).toBe(true);
  });
});

describe('Events: GET and LIST from etcd', () => {
  it('GET with resourceVersion "" and "0" both read etcd (no cache to answer "0")', () => {
    const { cluster, admin } = withEvents();
    for (const rv of ['', '?resourceVersion=0']) {
      const got = call(cluster, admin, 'GET', `${EVENTS}/e3${rv}`);
      expect(got.code).toBe(200);
      expect((got.body as { reason?: string }).reason).toBe('Reason3');
    }
    expect(call(cluster, admin, 'GET', `${EVENTS}/nope?resourceVersion=0`).code).toBe(404);
  });

  it('GET with a resourceVersion takes it as a minimum: 504 without a retry when etcd has not reached it', () => {
    const { cluster, admin } = withEvents();
    const now = cluster.etcd.revision;
    expect(call(cluster, admin, 'GET', `${EVENTS}/e3?resourceVersion=${now}`).code).toBe(200);
    const ahead = call(cluster, admin, 'GET', `${EVENTS}/e3?resourceVersion=${now + 10}`);
    expect(ahead.code).toBe(504);
    expect(ahead.body).toMatchObject({ reason: 'Timeout', message: `Timeout: Too large resource version: ${now + 10}, current: ${now}` });
    expect((ahead.body as { details: Record<string, unknown> }).details['retryAfterSeconds']).toBeUndefined();
  });

  it('LIST filters by the field selector kubectl describe sends, at etcd revision', () => {
    const { cluster, admin } = withEvents();
    const list = call(cluster, admin, 'GET', `${EVENTS}?fieldSelector=${encodeURIComponent('involvedObject.name=web-2,involvedObject.kind=Pod')}`);
    expect(list.code).toBe(200);
    expect(names(list.body)).toEqual(['e2', 'e4']);
    expect(meta(list.body).resourceVersion).toBe(String(cluster.etcd.revision));
    // resourceVersion=0 is no cache read either: the same list from etcd.
    const fromZero = call(cluster, admin, 'GET', `${EVENTS}?resourceVersion=0&fieldSelector=involvedObject.name%3Dweb-1`);
    expect(names(fromZero.body)).toEqual(['e1', 'e3', 'e5']);
  });

  it('pages with limit and continue, with a remaining count only when nothing is filtered', () => {
    const { cluster, admin } = withEvents();
    const first = call(cluster, admin, 'GET', `${EVENTS}?limit=2`);
    expect(names(first.body)).toEqual(['e1', 'e2']);
    expect(meta(first.body).remainingItemCount).toBe(3);
    const token = meta(first.body).continue ?? '';
    expect(token).not.toBe('');
    const second = call(cluster, admin, 'GET', `${EVENTS}?limit=2&continue=${token}`);
    expect(names(second.body)).toEqual(['e3', 'e4']);
    expect(meta(second.body).resourceVersion).toBe(meta(first.body).resourceVersion);
    const filtered = call(cluster, admin, 'GET', `${EVENTS}?limit=2&fieldSelector=involvedObject.name%3Dweb-1`);
    expect(names(filtered.body)).toEqual(['e1', 'e3']);
    expect(meta(filtered.body).remainingItemCount).toBeUndefined();
    const refused = call(cluster, admin, 'GET', `${EVENTS}?limit=2&resourceVersion=5&continue=${token}`);
    expect(refused.code).toBe(400);
    expect((refused.body as { message: string }).message).toBe('specifying resource version is not allowed when using continue');
  });

  it('takes a resourceVersion as a minimum (504 without a retry when etcd is behind), or as the exact revision of a paged list', () => {
    const { cluster, admin } = withEvents();
    const before = cluster.etcd.revision;
    expect(call(cluster, admin, 'DELETE', `${EVENTS}/e1`).code).toBe(200);
    const now = cluster.etcd.revision;
    const notOlder = call(cluster, admin, 'GET', `${EVENTS}?resourceVersion=${before}`);
    expect(names(notOlder.body)).toEqual(['e2', 'e3', 'e4', 'e5']);
    expect(meta(notOlder.body).resourceVersion).toBe(String(now));
    const ahead = call(cluster, admin, 'GET', `${EVENTS}?resourceVersion=${now + 100}`);
    expect(ahead.code).toBe(504);
    expect(ahead.body).toMatchObject({ reason: 'Timeout', message: `Timeout: Too large resource version: ${now + 100}, current: ${now}`, details: { causes: [{ reason: 'ResourceVersionTooLarge' }] } });
    expect((ahead.body as { details: Record<string, unknown> }).details['retryAfterSeconds']).toBeUndefined();
    // limit with a resourceVersion and no match: that revision exactly (the legacy case), e1 still there.
    const exact = call(cluster, admin, 'GET', `${EVENTS}?limit=10&resourceVersion=${before}`);
    expect(names(exact.body)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(meta(exact.body).resourceVersion).toBe(String(before));
    // Once etcd has compacted that revision: interpretListError's 410.
    cluster.etcd.compact(now);
    const compacted = call(cluster, admin, 'GET', `${EVENTS}?limit=10&resourceVersion=${before}`);
    expect(compacted.code).toBe(410);
    expect(compacted.body).toMatchObject({ reason: 'Expired', message: 'The resourceVersion for the provided list is too old.' });
  });
});

describe('Events: WATCH', () => {
  it('a watch from "" lists the selected Events as ADDED, then follows etcd; one from an exact version replays after it', () => {
    const { cluster, admin } = withEvents();
    const seen: string[] = [];
    const record = (e: ClientWatchEvent) => seen.push(`${e.type} ${(e.object as KubeObject).metadata.name ?? ''}`);
    const watch = admin.watch(`${EVENTS}?watch=true&fieldSelector=involvedObject.name%3Dweb-2`, record);
    cluster.engine.runUntil(cluster.engine.now() + 50);
    expect(seen).toEqual(['ADDED e2', 'ADDED e4']);
    const rv = cluster.etcd.revision;
    expect(call(cluster, admin, 'POST', EVENTS, { body: eventBody('e6', 'web-2', 'Reason6') }).code).toBe(201);
    expect(call(cluster, admin, 'POST', EVENTS, { body: eventBody('e7', 'web-1', 'Reason7') }).code).toBe(201);
    expect(call(cluster, admin, 'PATCH', `${EVENTS}/e2`, { body: { count: 2 }, contentType: 'application/merge-patch+json' }).code).toBe(200);
    expect(call(cluster, admin, 'DELETE', `${EVENTS}/e4`).code).toBe(200);
    cluster.engine.runUntil(cluster.engine.now() + 50);
    expect(seen.slice(2)).toEqual(['ADDED e6', 'MODIFIED e2', 'DELETED e4']);
    watch.stop();
    const replayed: string[] = [];
    admin.watch(`${EVENTS}?watch=true&resourceVersion=${rv}`, (e) => replayed.push(`${e.type} ${(e.object as KubeObject).metadata.name ?? ''}`));
    cluster.engine.runUntil(cluster.engine.now() + 50);
    expect(replayed).toEqual(['ADDED e6', 'ADDED e7', 'MODIFIED e2', 'DELETED e4']);
    const audit = cluster.apiserver.audit.recent(1000).filter((a) => a.verb === 'watch' && a.requestURI.startsWith(EVENTS));
    expect(audit.at(-1)?.stages.at(-1)?.detail).toBe(`no watch cache for events: watch /registry/events/demo/ from revision ${rv + 1}`);
  });

  it('refuses a resourceVersion that is not a number, as the versioner parses it', () => {
    const { cluster, admin } = withEvents();
    const seen: ClientWatchEvent[] = [];
    admin.watch(`${EVENTS}?watch=true&resourceVersion=abc`, (e) => seen.push(e));
    cluster.engine.runUntil(cluster.engine.now() + 50);
    expect(seen.map((e) => e.type)).toEqual(['ERROR']);
    expect(seen[0]?.object).toMatchObject({ code: 422, reason: 'Invalid', message: 'events "" is invalid: resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax' });
  });
});

describe('Events: updates read etcd first', () => {
  it("a PATCH (the recorder's aggregation) reads the key from etcd, then writes with a compare on its revision", () => {
    const { cluster, admin } = withEvents();
    const labels: string[] = [];
    const unobserve = cluster.network.observe((m) => {
      if (m.kind === 'etcd' && m.from === 'kube-apiserver') labels.push(m.label);
    });
    const patched = call(cluster, admin, 'PATCH', `${EVENTS}/e3`, { body: { count: 4 }, contentType: 'application/merge-patch+json' });
    unobserve();
    expect(patched.code).toBe(200);
    expect((patched.body as { count?: number }).count).toBe(4);
    expect(labels).toEqual(['range /registry/events/demo/e3', 'txn update /registry/events/demo/e3']);
  });
});

describe('Events: observers', () => {
  it('the apiserver follows Events with an etcd watch only while someone observes', () => {
    const { cluster, admin } = withEvents();
    expect(cluster.apiserver.observingStorage).toBe(false);
    const seen: string[] = [];
    const unobserve = cluster.apiserver.observeCache((resource, event) => {
      if (resource.resource === 'events') seen.push(`${event.type} ${event.object.metadata.name ?? ''} ${String(event.resourceVersion)}`);
    });
    expect(cluster.apiserver.observingStorage).toBe(true);
    expect(call(cluster, admin, 'POST', EVENTS, { body: eventBody('e8', 'web-1', 'Reason8') }).code).toBe(201);
    const rv = cluster.etcd.revision;
    cluster.engine.runUntil(cluster.engine.now() + 50);
    expect(seen).toEqual([`ADDED e8 ${rv}`]);
    unobserve();
    expect(cluster.apiserver.observingStorage).toBe(false);
  });

  it('breakpoints observe only while a watch-event or pod-phase condition is set or armed', () => {
    const cluster = startedCluster();
    const { breakpoints, apiserver } = cluster;
    const write = breakpoints.add({ kind: 'etcd-write', prefix: '/registry/pods/' });
    expect(apiserver.observingStorage).toBe(false);
    const watch = breakpoints.add({ kind: 'watch-event', resource: 'events' });
    expect(apiserver.observingStorage).toBe(true);
    breakpoints.delete(watch.id);
    expect(apiserver.observingStorage).toBe(false);
    breakpoints.armOnce({ kind: 'pod-phase', phase: 'Running' });
    expect(apiserver.observingStorage).toBe(true);
    breakpoints.armOnce(undefined);
    expect(apiserver.observingStorage).toBe(false);
    breakpoints.delete(write.id);
  });
});
