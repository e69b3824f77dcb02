/**
 * The metav1.Status bodies of reference/vectors/apiserver-errors.json, produced by real requests
 * through a simulated cluster: validation (Invalid), MethodNotAllowed, and list/get
 * resourceVersion errors (Expired after compaction, Timeout for a version from the future).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/kube-object';
import { call, startedCluster, userClient } from '../testing/test-cluster';
import { makePod } from '../testing/builders';

interface VectorCase {
  id: string;
  body?: { message: string; [k: string]: unknown };
}
const vectors = JSON.parse(readFileSync('reference/vectors/apiserver-errors.json', 'utf8')) as { cases: VectorCase[] };
const body = (id: string) => {
  const found = vectors.cases.find((c) => c.id === id);
  if (!found?.body) throw new Error(`no vector body ${id}`);
  return found.body;
};

const PODS = '/api/v1/namespaces/default/pods';
const pod = (name: string, containers: object[]) => makePod({ name, containers });

describe('Invalid: the validation errors as the apiserver returns them', () => {
  it.each([
    ['invalid-single', PODS, pod('bad', [{ name: 'app' }])],
    ['invalid-multi', PODS, pod('bad2', [{ name: 'Web' }])],
    ['invalid-name', PODS, pod('My_Pod', [{ name: 'app', image: 'nginx' }])],
    [
      'invalid-grouped-kind',
      '/apis/apps/v1/namespaces/default/deployments',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: '' }] } } },
      },
    ],
  ])('%s', (id, path, object) => {
    const cluster = startedCluster();
    const response = call(cluster, userClient(cluster), 'POST', path, { body: object });
    expect(response.code).toBe(422);
    expect(response.body).toEqual(body(id));
  });

  it('invalid-pod-update: a pod spec change other than the allowed fields is Forbidden', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const created = call(cluster, admin, 'POST', PODS, { body: pod('web', [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80 }] }]) }).body as KubeObject & {
      spec: { containers: { ports: { containerPort: number }[] }[] };
    };
    const changed = structuredClone(created);
    (changed.spec.containers[0] as { ports: { containerPort: number }[] }).ports = [{ containerPort: 8080 }];
    const response = call(cluster, admin, 'PUT', `${PODS}/web`, { body: changed });
    expect(response.code).toBe(422);
    expect((response.body as { message: string }).message).toMatch(/^Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than /);
  });
});

describe('other request errors', () => {
  it('method-not-supported: PATCH on bindings', () => {
    const cluster = startedCluster();
    const response = call(cluster, userClient(cluster), 'PATCH', '/api/v1/namespaces/default/bindings/x', { body: {}, contentType: 'application/merge-patch+json' });
    expect(response.code).toBe(405);
    expect(response.body).toEqual(body('method-not-supported'));
  });

  it('gone-list-compacted: an exact list at a compacted revision is Expired', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const old = cluster.etcd.status().header.revision - 5;
    cluster.etcd.compact({ revision: cluster.etcd.status().header.revision });
    const response = call(cluster, admin, 'GET', `${PODS}?resourceVersion=${old}&resourceVersionMatch=Exact`);
    expect(response.code).toBe(410);
    expect(response.body).toEqual(body('gone-list-compacted'));
  });

  it('an exact list at a past revision that is still kept shows the objects as they were', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const before = cluster.etcd.status().header.revision;
    call(cluster, admin, 'POST', PODS, { body: pod('later', [{ name: 'app', image: 'nginx' }]) });
    const then = call(cluster, admin, 'GET', `${PODS}?resourceVersion=${before}&resourceVersionMatch=Exact`).body as { metadata: { resourceVersion: string }; items: KubeObject[] };
    expect(then.items.map((o) => o.metadata.name)).not.toContain('later');
    expect(then.metadata.resourceVersion).toBe(String(before));
    const now = call(cluster, admin, 'GET', PODS).body as { items: KubeObject[] };
    expect(now.items.map((o) => o.metadata.name)).toContain('later');
  });

  it('a list not older than a version the cache has reached answers at once from the cache', () => {
    const cluster = startedCluster();
    const response = call(cluster, userClient(cluster), 'GET', '/api/v1/namespaces?resourceVersion=1');
    expect(response.code).toBe(200);
    expect((response.body as { items: KubeObject[] }).items.map((o) => o.metadata.name)).toContain('kube-system');
  });

  it('too-large-rv: a list at a revision etcd has not reached yet times out with 504', () => {
    const cluster = startedCluster();
    const current = cluster.etcd.status().header.revision;
    const response = call(cluster, userClient(cluster), 'GET', `${PODS}?resourceVersion=999999`);
    expect(response.code).toBe(504);
    const expected = body('too-large-rv');
    expect(response.body).toEqual({ ...expected, message: `Timeout: Too large resource version: 999999, current: ${current}` });
  });
});

describe('strict field validation (?fieldValidation=Strict, as kubectl 1.32 sends)', () => {
  it('refuses a typo with the decoder message, listing every unknown field in document order', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const typo = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'typo' }, spec: { containers: [{ name: 'app', imagee: 'nginx' }], restartPolicyy: 'Never' } };
    const refused = call(cluster, admin, 'POST', `${PODS}?fieldValidation=Strict`, { body: typo });
    expect(refused.code).toBe(400);
    expect((refused.body as { message: string }).message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee", unknown field "spec.restartPolicyy"',
    );
    expect(call(cluster, admin, 'GET', `${PODS}/typo`).code).toBe(404);
  });

  it('checks a patch after it is applied, with the fields in sorted order', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', PODS, { body: pod('web', [{ name: 'app', image: 'nginx' }]) });
    const refused = call(cluster, admin, 'PATCH', `${PODS}/web?fieldValidation=Strict`, {
      body: { spec: { zeta: 1, alpha: 2 } },
      contentType: 'application/merge-patch+json',
    });
    expect(refused.code).toBe(400);
    expect((refused.body as { message: string }).message).toMatch(/strict decoding error: unknown field "spec.alpha", unknown field "spec.zeta"$/);
  });

  it('drops unknown fields with a warning when the client says nothing (Warn), silently under Ignore', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const typo = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, colour: 'blue' }, spec: { containers: [{ name: 'app', image: 'nginx', imagee: 'x' }] } });
    const warned = call(cluster, admin, 'POST', PODS, { body: typo('warned') });
    expect(warned.code).toBe(201);
    expect(warned.warnings).toEqual(['unknown field "metadata.colour"', 'unknown field "spec.containers[0].imagee"']);
    const stored = JSON.parse(cluster.etcd.range({ key: '/registry/pods/default/warned' }).kvs[0]?.value ?? '{}') as KubeObject;
    expect(stored.metadata['colour']).toBeUndefined();
    expect((stored['spec'] as { containers: Record<string, unknown>[] }).containers[0]).not.toHaveProperty('imagee');
    const audit = cluster.apiserver.audit.find(warned.auditID);
    expect(audit?.stages.find((st) => st.name.startsWith('decode (field validation'))).toMatchObject({
      name: 'decode (field validation: Warn)',
      outcome: 'mutated',
      detail: 'dropped unknown field "metadata.colour", unknown field "spec.containers[0].imagee"',
    });
    const ignored = call(cluster, admin, 'POST', `${PODS}?fieldValidation=Ignore`, { body: typo('ignored') });
    expect(ignored.code).toBe(201);
    expect(ignored.warnings).toBeUndefined();
    expect(call(cluster, admin, 'POST', `${PODS}?fieldValidation=Warn`, { body: pod('clean', [{ name: 'app', image: 'nginx' }]) }).warnings).toBeUndefined();
    const patched = call(cluster, admin, 'PATCH', `${PODS}/clean`, { body: { spec: { zeta: 1 } }, contentType: 'application/merge-patch+json' });
    expect(patched.code).toBe(200);
    expect(patched.warnings).toEqual(['unknown field "spec.zeta"']);
  });

  it('refuses a directive that is not one of the four, as the options validation does', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    const refused = call(cluster, admin, 'POST', `${PODS}?fieldValidation=Loud`, { body: pod('web', [{ name: 'app', image: 'nginx' }]) });
    expect(refused.code).toBe(422);
    expect((refused.body as { message: string }).message).toBe(
      'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Loud": supported values: "", "Ignore", "Strict", "Warn"',
    );
    expect(call(cluster, admin, 'GET', `${PODS}/web`).code).toBe(404);
  });
});

describe('paged lists (?limit and ?continue, from etcd)', () => {
  type List = { metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number }; items: KubeObject[] };
  const CMS = '/api/v1/namespaces/default/configmaps';
  const cm = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels } });

  it('pages through a list at the first page\'s revision, with remainingItemCount, until no continue is left', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    for (let i = 0; i < 5; i++) call(cluster, admin, 'POST', CMS, { body: cm(`c${i}`) });
    const first = call(cluster, admin, 'GET', `${CMS}?limit=2`).body as List;
    expect(first.items.map((o) => o.metadata.name)).toEqual(['c0', 'c1']);
    expect(first.metadata.remainingItemCount).toBe(4); // c2..c4 and kube-root-ca.crt
    const token = JSON.parse(Buffer.from(first.metadata.continue ?? '', 'base64url').toString()) as object;
    expect(token).toEqual({ v: 'meta.k8s.io/v1', rv: Number(first.metadata.resourceVersion), start: 'default/c1\u0000' });
    // A write between pages is not seen: the pages are one snapshot.
    call(cluster, admin, 'POST', CMS, { body: cm('c15') });
    const names = first.items.map((o) => o.metadata.name);
    let next = first.metadata.continue;
    while (next) {
      const page = call(cluster, admin, 'GET', `${CMS}?limit=2&continue=${next}`).body as List;
      expect(page.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
      names.push(...page.items.map((o) => o.metadata.name));
      next = page.metadata.continue;
    }
    expect(names).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'kube-root-ca.crt']);
  });

  it('fills a page from further on when a selector filters items out, and leaves remainingItemCount off', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    for (let i = 0; i < 6; i++) call(cluster, admin, 'POST', CMS, { body: cm(`c${i}`, { even: String(i % 2 === 0) }) });
    const page = call(cluster, admin, 'GET', `${CMS}?limit=2&labelSelector=even%3Dtrue`).body as List;
    expect(page.items.map((o) => o.metadata.name)).toEqual(['c0', 'c2']);
    expect(page.metadata.remainingItemCount).toBeUndefined();
    const rest = call(cluster, admin, 'GET', `${CMS}?limit=2&labelSelector=even%3Dtrue&continue=${page.metadata.continue ?? ''}`).body as List;
    expect(rest.items.map((o) => o.metadata.name)).toEqual(['c4']);
  });

  it('gone-continue-expired: a token from before a compaction is 410 Expired, with a fresh token to go on inconsistently', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    for (let i = 0; i < 3; i++) call(cluster, admin, 'POST', CMS, { body: cm(`c${i}`) });
    const first = call(cluster, admin, 'GET', `${CMS}?limit=1`).body as List;
    call(cluster, admin, 'POST', CMS, { body: cm('later') });
    cluster.etcd.compact({ revision: cluster.etcd.status().header.revision });
    const expired = call(cluster, admin, 'GET', `${CMS}?limit=1&continue=${first.metadata.continue ?? ''}`);
    expect(expired.code).toBe(410);
    const status = expired.body as { reason: string; message: string; metadata: { continue?: string } };
    expect(status.reason).toBe('Expired');
    expect(status.message).toMatch(/^The provided continue parameter is too old to display a consistent list result\./);
    const fresh = JSON.parse(Buffer.from(status.metadata.continue ?? '', 'base64url').toString()) as { rv: number; start: string };
    expect(fresh).toEqual({ v: 'meta.k8s.io/v1', rv: -1, start: 'default/c0\u0000' });
  });

  it('refuses a continue token that does not decode', () => {
    const cluster = startedCluster();
    const response = call(cluster, userClient(cluster), 'GET', `${CMS}?limit=1&continue=not-a-token`);
    expect(response.code).toBe(400);
  });
});
