/**
 * The generic registry's storage semantics through a real cluster: etcd keys and transactions,
 * resourceVersion = mod_revision, uid and creationTimestamp, generation, optimistic concurrency,
 * finalizers and graceful deletion, and the Status bodies of the reference vectors.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/kube-object';
import { makeConfigMap, makeDeployment, makePod } from '../../testing/builders';
import { call, startedCluster, userClient } from '../../testing/test-cluster';

interface VectorCase {
  id: string;
  body?: unknown;
  stream_event?: { type: string; object: unknown };
}
const vectors = JSON.parse(readFileSync('reference/vectors/apiserver-errors.json', 'utf8')) as { cases: VectorCase[] };
const vector = (id: string): VectorCase => {
  const found = vectors.cases.find((c) => c.id === id);
  if (!found) throw new Error(`no vector ${id}`);
  return found;
};

const PODS = '/api/v1/namespaces/default/pods';
const CMS = '/api/v1/namespaces/default/configmaps';
const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';

const pod = (name: string, extra: Record<string, unknown> = {}) => makePod({ name, spec: extra });
const deployment = (name: string, replicas: number) => makeDeployment({ name, replicas });

describe('generic registry: create', () => {
  it('stores at the real etcd key, with resourceVersion = mod_revision, a uid and the creation time', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const before = cluster.etcd.status().header.revision;
    const created = call(cluster, admin, 'POST', CMS, { body: makeConfigMap('settings', { mode: 'demo' }) });
    expect(created.code).toBe(201);
    const object = created.body as KubeObject;
    const kv = cluster.etcd.range({ key: '/registry/configmaps/default/settings' }).kvs[0];
    expect(kv).toBeDefined();
    expect(object.metadata.resourceVersion).toBe(String(kv?.modRevision));
    expect(kv?.createRevision).toBe(kv?.modRevision);
    expect(kv?.modRevision).toBe(before + 1);
    expect(object.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(object.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(object.metadata.namespace).toBe('default');
  });

  it('answers AlreadyExists for a taken name (the create txn compares mod_revision with 0)', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', PODS, { body: pod('dup') });
    const revision = cluster.etcd.status().header.revision;
    const again = call(cluster, admin, 'POST', PODS, { body: pod('dup') });
    expect(again.code).toBe(409);
    expect(again.body).toEqual(vector('alreadyexists').body);
    expect(cluster.etcd.status().header.revision).toBe(revision);
  });

  it('says "object is being deleted" when the name belongs to an object waiting on finalizers', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', PODS, { body: { ...pod('dup'), metadata: { name: 'dup', finalizers: ['example.com/hold'] } } });
    expect(call(cluster, admin, 'DELETE', `${PODS}/dup`).code).toBe(200);
    const again = call(cluster, admin, 'POST', PODS, { body: pod('dup') });
    expect(again.body).toEqual(vector('alreadyexists-being-deleted').body);
  });

  it('fills a generateName', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const created = call(cluster, admin, 'POST', CMS, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'job-' } } }).body as KubeObject;
    expect(created.metadata.name).toMatch(/^job-[a-z0-9]{5}$/);
  });
});

describe('generic registry: get', () => {
  it('answers NotFound with the resource and group as upstream prints them', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const missing = call(cluster, admin, 'GET', `${PODS}/foo`);
    expect(missing.code).toBe(404);
    expect(missing.body).toEqual(vector('notfound-core').body);
    expect(call(cluster, admin, 'GET', `${DEPLOYMENTS}/web`).body).toEqual(vector('notfound-grouped').body);
  });
});

describe('generic registry: update', () => {
  it('answers Conflict for a stale resourceVersion (the update txn compares the revision read)', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const first = call(cluster, admin, 'POST', PODS, { body: pod('foo', { activeDeadlineSeconds: 60 }) }).body as KubeObject;
    const current = call(cluster, admin, 'PUT', `${PODS}/foo`, { body: { ...first, spec: { ...(first['spec'] as object), activeDeadlineSeconds: 30 } } });
    expect(current.code).toBe(200);
    expect(Number((current.body as KubeObject).metadata.resourceVersion)).toBeGreaterThan(Number(first.metadata.resourceVersion));
    const stale = call(cluster, admin, 'PUT', `${PODS}/foo`, { body: { ...first, spec: { ...(first['spec'] as object), activeDeadlineSeconds: 20 } } });
    expect(stale.code).toBe(409);
    expect(stale.body).toEqual(vector('conflict-resourceversion').body);

    const web = call(cluster, admin, 'POST', DEPLOYMENTS, { body: deployment('web', 1) }).body as KubeObject;
    call(cluster, admin, 'PUT', `${DEPLOYMENTS}/web`, { body: { ...web, spec: { ...(web['spec'] as object), replicas: 2 } } });
    expect(call(cluster, admin, 'PUT', `${DEPLOYMENTS}/web`, { body: { ...web, spec: { ...(web['spec'] as object), replicas: 3 } } }).body).toEqual(
      vector('conflict-grouped').body,
    );
  });

  it('bumps metadata.generation on spec changes only, and keeps uid and creationTimestamp', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const created = call(cluster, admin, 'POST', DEPLOYMENTS, { body: deployment('web', 1) }).body as KubeObject;
    // The deployment controller writes the object too: update unconditionally (no resourceVersion).
    delete created.metadata.resourceVersion;
    expect(created.metadata['generation']).toBe(1);
    const labelled = call(cluster, admin, 'PUT', `${DEPLOYMENTS}/web`, {
      body: { ...created, metadata: { ...created.metadata, labels: { tier: 'front' }, uid: 'forged', creationTimestamp: '2000-01-01T00:00:00Z' } },
    }).body as KubeObject;
    expect(labelled.metadata['generation']).toBe(1);
    expect(labelled.metadata.uid).toBe(created.metadata.uid);
    expect(labelled.metadata.creationTimestamp).toBe(created.metadata.creationTimestamp);
    const scaled = call(cluster, admin, 'PUT', `${DEPLOYMENTS}/web`, { body: { ...labelled, metadata: { ...labelled.metadata, resourceVersion: undefined }, spec: { ...(labelled['spec'] as object), replicas: 4 } } }).body as KubeObject;
    expect(scaled.metadata['generation']).toBe(2);
  });

  it('applies a JSON merge patch to the current object', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', CMS, { body: makeConfigMap('settings', { a: '1', b: '2' }) });
    const patched = call(cluster, admin, 'PATCH', `${CMS}/settings`, { body: { data: { a: null, c: '3' } }, contentType: 'application/merge-patch+json' });
    expect(patched.code).toBe(200);
    expect((patched.body as KubeObject)['data']).toEqual({ b: '2', c: '3' });
  });

  it('patches the object another patch has just written, before the watch cache has seen that write', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', CMS, { body: makeConfigMap('settings', { a: '1' }) });
    cluster.engine.runFor(1000);
    const answers: KubeObject[] = [];
    // Both read the same revision; the second loses the txn and retries on the first's write,
    // whose watch event is still on its way to the cache.
    for (const data of [{ b: '2' }, { c: '3' }]) {
      admin.request('PATCH', `${CMS}/settings`, { body: { data }, contentType: 'application/merge-patch+json' }, (r) => answers.push(r.body as KubeObject));
    }
    while (answers.length < 2 && cluster.engine.step()) {
      // until both answer
    }
    expect(answers.map((o) => o['data'])).toEqual([{ a: '1', b: '2' }, { a: '1', b: '2', c: '3' }]);
  });
});

describe('generic registry: delete', () => {
  it('removes an object without finalizers from etcd at once, leaving a tombstone revision', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', CMS, { body: makeConfigMap('gone') });
    expect(call(cluster, admin, 'DELETE', `${CMS}/gone`).code).toBe(200);
    expect(cluster.etcd.range({ key: '/registry/configmaps/default/gone' }).kvs).toHaveLength(0);
    expect(call(cluster, admin, 'GET', `${CMS}/gone`).code).toBe(404);
  });

  it('marks an object with finalizers with a deletionTimestamp and deletes it when the last finalizer goes', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', CMS, { body: { ...makeConfigMap('held'), metadata: { name: 'held', finalizers: ['example.com/hold'] } } });
    const marked = call(cluster, admin, 'DELETE', `${CMS}/held`).body as KubeObject;
    expect(marked.metadata['deletionTimestamp']).toBeDefined();
    expect(marked.metadata['deletionGracePeriodSeconds']).toBe(0);
    expect(call(cluster, admin, 'GET', `${CMS}/held`).code).toBe(200);
    const released = call(cluster, admin, 'PATCH', `${CMS}/held`, { body: { metadata: { finalizers: null } }, contentType: 'application/merge-patch+json' });
    expect(released.code).toBe(200);
    expect(call(cluster, admin, 'GET', `${CMS}/held`).code).toBe(404);
  });

  it('gives a pod bound to a node its grace period (30 s by default); an unbound pod goes at once', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', PODS, { body: pod('bound', { nodeName: 'node-1' }) });
    const marked = call(cluster, admin, 'DELETE', `${PODS}/bound`).body as KubeObject;
    expect(marked.metadata['deletionGracePeriodSeconds']).toBe(30);
    expect(call(cluster, admin, 'GET', `${PODS}/bound`).code).toBe(200);
    call(cluster, admin, 'POST', PODS, { body: pod('unbound') });
    call(cluster, admin, 'DELETE', `${PODS}/unbound`);
    expect(call(cluster, admin, 'GET', `${PODS}/unbound`).code).toBe(404);
  });
});

describe('watch from the watch cache', () => {
  it('replays from an exact resourceVersion, and answers 410 Expired for one older than the window', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const first = call(cluster, admin, 'POST', CMS, { body: makeConfigMap('w-0') }).body as KubeObject;
    const from = Number(first.metadata.resourceVersion);
    for (let i = 1; i <= 3; i++) call(cluster, admin, 'POST', CMS, { body: makeConfigMap(`w-${i}`) });
    const seen: string[] = [];
    const handle = admin.watch(`${CMS}?watch=true&resourceVersion=${from}`, (e) => seen.push(`${e.type} ${e.type === 'ERROR' ? '' : (e.object.metadata.name ?? '')}`));
    cluster.engine.runUntil(cluster.engine.now() + 100);
    handle.stop();
    expect(seen).toEqual(['ADDED w-1', 'ADDED w-2', 'ADDED w-3']);

    // Push the first events out of the 1,000-event window.
    for (let i = 0; i < 1_001; i++) admin.request('POST', CMS, { body: makeConfigMap(`filler-${i}`) }, () => {});
    cluster.engine.runUntil(cluster.engine.now() + 1_000);
    const errors: unknown[] = [];
    admin.watch(`${CMS}?watch=true&resourceVersion=100`, (e) => errors.push(e));
    cluster.engine.runUntil(cluster.engine.now() + 100);
    expect(errors).toHaveLength(1);
    const event = errors[0] as { type: string; object: { message: string } };
    expect(event.type).toBe('ERROR');
    expect(event.object).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 });
    expect(event.object.message).toMatch(/^too old resource version: 100 \(\d+\)$/);
    expect(Object.keys(event.object)).toEqual(Object.keys((vector('watch-expired-cache').stream_event as { object: object }).object));
  });

  it('starts a watch from "" or "0" with the current objects as ADDED, then sends BOOKMARKs when asked', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', CMS, { body: makeConfigMap('existing') });
    const seen: string[] = [];
    admin.watch(`${CMS}?watch=true&resourceVersion=0&allowWatchBookmarks=true`, (e) => seen.push(`${e.type} ${e.type === 'ERROR' ? '' : (e.object.metadata.name ?? '')}`));
    cluster.engine.runUntil(cluster.engine.now() + 61_000);
    expect(seen).toContain('ADDED existing');
    expect(seen.some((s) => s.startsWith('BOOKMARK'))).toBe(true);
  });
});

describe('self-subject reviews (kubectl auth can-i)', () => {
  it('answers SelfSubjectAccessReview with the same authorizers that guard requests', () => {
    const cluster = startedCluster();
    const ask = (user: string, resourceAttributes: Record<string, string>) =>
      call(cluster, userClient(cluster, user), 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } },
      });
    const admin = ask('kubernetes-admin', { verb: 'delete', resource: 'nodes' });
    expect(admin.code).toBe(201);
    expect((admin.body as { status: unknown }).status).toEqual({ allowed: true });
    const alice = ask('alice', { verb: 'list', resource: 'pods', namespace: 'default' }).body as { status: { allowed: boolean }; spec: unknown };
    expect(alice.status.allowed).toBe(false);
    expect(alice.spec).toEqual({ resourceAttributes: { verb: 'list', resource: 'pods', namespace: 'default' } });
    const bad = call(cluster, userClient(cluster, 'alice'), 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { body: { spec: {} } });
    expect(bad.code).toBe(422);
    expect((bad.body as { message: string }).message).toBe(
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
  });

  it('lists what the user may do in a namespace with SelfSubjectRulesReview', () => {
    const cluster = startedCluster();
    const review = call(cluster, userClient(cluster, 'alice'), 'POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } },
    }).body as { status: { resourceRules: { verbs: string[]; resources?: string[] }[]; incomplete: boolean } };
    // Every authenticated user may create these reviews (system:basic-user).
    expect(review.status.resourceRules.some((r) => r.resources?.includes('selfsubjectaccessreviews') && r.verbs.includes('create'))).toBe(true);
    expect(review.status.resourceRules.some((r) => r.resources?.includes('pods'))).toBe(false);
    expect(review.status.incomplete).toBe(false);
  });
});

describe('clusterrole-aggregation controller', () => {
  it('adds the rules of a ClusterRole labelled aggregate-to-view to view, edit and admin while the cluster runs', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const CR = '/apis/rbac.authorization.k8s.io/v1/clusterroles';
    const created = call(cluster, admin, 'POST', CR, {
      body: {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'widgets-reader', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
        rules: [{ apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list', 'watch'] }],
      },
    });
    expect(created.code).toBe(201);
    cluster.engine.runUntil(cluster.engine.now() + 2_000);
    for (const name of ['view', 'edit', 'admin']) {
      const role = call(cluster, admin, 'GET', `${CR}/${name}`).body as { rules: { apiGroups?: string[]; resources?: string[] }[] };
      expect(role.rules.some((r) => r.apiGroups?.includes('example.com') && r.resources?.includes('widgets')), name).toBe(true);
    }
  });
});

describe('consistent lists from the watch cache (ConsistentListFromCache)', () => {
  it('serves resourceVersion "" from the cache, but only once it has every write etcd had: read after write holds', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    // Create and list in the same instant: the list's etcd hop reads a revision the cache has
    // not seen yet, and the answer waits for the progress notification behind the event.
    type List = { metadata: { resourceVersion: string }; items: KubeObject[] };
    const box: { listed?: List } = {};
    admin.request('POST', CMS, { body: makeConfigMap('fresh') }, () => {
      admin.request('GET', CMS, {}, (r) => (box.listed = r.body as List));
    });
    while (!box.listed && cluster.engine.step()) {
      // until the list answers
    }
    expect(box.listed?.items.map((o) => o.metadata.name)).toContain('fresh');

    // A write the cache cannot have seen yet (straight into etcd, as etcdctl put would) is in
    // the very next consistent list: the list waits for etcd's progress notification.
    cluster.etcd.put({ key: '/registry/configmaps/default/direct', value: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'direct', namespace: 'default' } }) });
    expect(cluster.apiserver.caches.get('configmaps')?.get('/registry/configmaps/default/direct')).toBeUndefined();
    const again: { listed?: List } = {};
    admin.request('GET', CMS, {}, (r) => (again.listed = r.body as List));
    while (!again.listed && cluster.engine.step()) {
      // until the list answers
    }
    expect(again.listed?.items.map((o) => o.metadata.name)).toContain('direct');
    const revision = cluster.etcd.status().header.revision;
    expect(Number(again.listed?.metadata.resourceVersion)).toBeLessThanOrEqual(revision);
    const audit = cluster.apiserver.audit.recent(5).find((e) => e.verb === 'list' && e.requestURI === CMS);
    expect(audit?.stages.map((s) => s.name)).toEqual(expect.arrayContaining(['etcd', 'watch cache']));
    expect(audit?.stages.find((s) => s.name === 'watch cache')?.detail).toMatch(/^consistent list \/registry\/configmaps\/default\/ at revision \d+/);
  });
});
