/**
 * Namespace deletion as kube-apiserver serves it (pkg/registry/core/namespace/storage): DELETE
 * marks the namespace (deletionTimestamp, phase Terminating) and it stays while spec.finalizers
 * holds `kubernetes`; a PUT of the namespace cannot change spec.finalizers; the finalize
 * subresource can, and the namespace goes when the last one does. The namespace controller is
 * off here, so each step is the test's.
 */
import { describe, expect, it } from 'vitest';
import type { Namespace } from 'kubernetes-types/core/v1';
import { call, Cluster, userClient } from '../../../../testing/test-cluster';

const NS = '/api/v1/namespaces';

describe('namespace storage', () => {
  it('keeps a deleted namespace Terminating until its finalize subresource drops the last finalizer', () => {
    const c = new Cluster({ scheduler: false, controllers: ['*', '-namespace-controller'] });
    c.engine.runUntil(3_000);
    const admin = userClient(c);
    expect(call(c, admin, 'POST', NS, { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } } }).code).toBe(201);

    const deleted = call(c, admin, 'DELETE', `${NS}/team-a`);
    expect(deleted.code).toBe(200);
    expect((deleted.body as Namespace).status?.phase).toBe('Terminating');
    // A second DELETE changes nothing while the finalizer holds it.
    expect(call(c, admin, 'DELETE', `${NS}/team-a`).code).toBe(200);
    const held = call(c, admin, 'GET', `${NS}/team-a`).body as Namespace;
    expect(held.spec?.finalizers).toEqual(['kubernetes']);

    // The namespace itself cannot drop its finalizers.
    const put = call(c, admin, 'PUT', `${NS}/team-a`, { body: { ...held, spec: { finalizers: [] } } });
    expect(put.code).toBe(200);
    expect((put.body as Namespace).spec?.finalizers).toEqual(['kubernetes']);

    // finalize with another finalizer left: still there, status kept.
    const current = call(c, admin, 'GET', `${NS}/team-a`).body as Namespace;
    const other = call(c, admin, 'PUT', `${NS}/team-a/finalize`, { body: { ...current, spec: { finalizers: ['example.com/other'] }, status: { phase: 'Active' } } });
    expect(other.code).toBe(200);
    expect((other.body as Namespace).spec?.finalizers).toEqual(['example.com/other']);
    expect((other.body as Namespace).status?.phase).toBe('Terminating');
    expect(call(c, admin, 'GET', `${NS}/team-a`).code).toBe(200);

    const last = call(c, admin, 'GET', `${NS}/team-a`).body as Namespace;
    expect(call(c, admin, 'PUT', `${NS}/team-a/finalize`, { body: { ...last, spec: { finalizers: [] } } }).code).toBe(200);
    expect(call(c, admin, 'GET', `${NS}/team-a`).code).toBe(404);
  });
});
