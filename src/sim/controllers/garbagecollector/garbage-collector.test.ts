/**
 * The garbage collector in a running cluster: a deleted Deployment takes its ReplicaSets and
 * their pods (background propagation, the dependents deleted after the owner), an object whose
 * owner never existed is deleted, and an object with one live owner left only loses the
 * reference to the gone one. Its writes are generic-garbage-collector's.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../../testing/test-cluster';
import { deployment, DEPLOY_PATH, harness, PODS_PATH, RS_PATH } from '../../testing/workloads';
import type { KubeObject } from '../../api/kube-object';

const CM_PATH = '/api/v1/namespaces/default/configmaps';
const cm = (name: string, ownerReferences: object[]) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ownerReferences }, data: {} });

describe('garbage collector', () => {
  it('deletes a Deployment’s ReplicaSets and their pods after the Deployment (background)', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DEPLOY_PATH, { body: deployment('web', 3) });
    h.run(30_000);
    expect(h.list(PODS_PATH)).toHaveLength(3);
    expect(call(h.cluster, h.admin, 'DELETE', `${DEPLOY_PATH}/web`).code).toBe(200);
    h.run(60_000);
    expect(h.list(RS_PATH)).toEqual([]);
    expect(h.list(PODS_PATH)).toEqual([]);
    const deletes = h.cluster.apiserver.audit.recent(2000).filter((r) => r.verb === 'delete' && (r.objectRef?.resource === 'replicasets' || (r.objectRef?.resource === 'pods' && r.user?.name?.includes('garbage'))));
    expect(deletes.map((r) => `${r.objectRef?.resource} ${r.user?.name}`)).toEqual([
      'replicasets system:serviceaccount:kube-system:generic-garbage-collector',
      ...Array(3).fill('pods system:serviceaccount:kube-system:generic-garbage-collector'),
    ]);
  });

  it('deletes an object whose owner does not exist, after looking it up', () => {
    const h = harness();
    const ghost = { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-0000-0000-000000000001' };
    expect(call(h.cluster, h.admin, 'POST', CM_PATH, { body: cm('orphaned', [ghost]) }).code).toBe(201);
    h.run(10_000);
    expect(call(h.cluster, h.admin, 'GET', `${CM_PATH}/orphaned`).code).toBe(404);
    const gets = h.cluster.apiserver.audit.recent(2000).filter((r) => r.verb === 'get' && r.objectRef?.name === 'ghost');
    expect(gets[0]?.user?.name).toBe('system:serviceaccount:kube-system:generic-garbage-collector');
  });

  it('keeps an object with a live owner left, removing only the reference to the deleted one', () => {
    const h = harness();
    const a = call(h.cluster, h.admin, 'POST', CM_PATH, { body: cm('owner-a', []) }).body as KubeObject;
    const b = call(h.cluster, h.admin, 'POST', CM_PATH, { body: cm('owner-b', []) }).body as KubeObject;
    const ref = (o: KubeObject) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name, uid: o.metadata.uid });
    call(h.cluster, h.admin, 'POST', CM_PATH, { body: cm('shared', [ref(a), ref(b)]) });
    h.run(5_000);
    call(h.cluster, h.admin, 'DELETE', `${CM_PATH}/owner-a`);
    h.run(10_000);
    const shared = h.get<KubeObject>(`${CM_PATH}/shared`);
    expect(shared.metadata['ownerReferences']).toEqual([ref(b)]);
  });

  it('follows owners an update changes, and keeps those an update leaves', () => {
    const h = harness();
    const a = call(h.cluster, h.admin, 'POST', CM_PATH, { body: cm('owner-a', []) }).body as KubeObject;
    const b = call(h.cluster, h.admin, 'POST', CM_PATH, { body: cm('owner-b', []) }).body as KubeObject;
    const ref = (o: KubeObject) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name, uid: o.metadata.uid });
    call(h.cluster, h.admin, 'POST', CM_PATH, { body: cm('child', [ref(a)]) });
    h.run(5_000);
    const merge = { contentType: 'application/merge-patch+json' };
    // A patch of the data keeps the stored list of owners as it was.
    expect(call(h.cluster, h.admin, 'PATCH', `${CM_PATH}/child`, { ...merge, body: { data: { k: 'v' } } }).code).toBe(200);
    h.run(1_000);
    // A patch of the owners moves the child from owner-a to owner-b.
    expect(call(h.cluster, h.admin, 'PATCH', `${CM_PATH}/child`, { ...merge, body: { metadata: { ownerReferences: [ref(b)] } } }).code).toBe(200);
    h.run(1_000);
    call(h.cluster, h.admin, 'DELETE', `${CM_PATH}/owner-a`);
    h.run(10_000);
    expect(call(h.cluster, h.admin, 'GET', `${CM_PATH}/child`).code).toBe(200);
    call(h.cluster, h.admin, 'DELETE', `${CM_PATH}/owner-b`);
    h.run(10_000);
    expect(call(h.cluster, h.admin, 'GET', `${CM_PATH}/child`).code).toBe(404);
  });

  it('foreground: the Deployment waits with foregroundDeletion until its ReplicaSet and pods are gone, then goes', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DEPLOY_PATH, { body: deployment('web', 2) });
    h.run(30_000);
    const foreground = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' };
    const deleted = call(h.cluster, h.admin, 'DELETE', `${DEPLOY_PATH}/web`, { body: foreground });
    expect(deleted.code).toBe(200);
    expect((deleted.body as KubeObject).metadata['finalizers']).toEqual(['foregroundDeletion']);
    expect((deleted.body as KubeObject).metadata['deletionTimestamp']).toBeDefined();
    h.run(200);
    // Still there while its dependents go.
    expect(call(h.cluster, h.admin, 'GET', `${DEPLOY_PATH}/web`).code).toBe(200);
    h.run(60_000);
    expect(call(h.cluster, h.admin, 'GET', `${DEPLOY_PATH}/web`).code).toBe(404);
    expect(h.list(RS_PATH)).toEqual([]);
    expect(h.list(PODS_PATH)).toEqual([]);
    // The ReplicaSet, having pods of its own, was deleted in the foreground too.
    const rsDelete = h.cluster.apiserver.audit.recent(2000).find((r) => r.verb === 'delete' && r.objectRef?.resource === 'replicasets');
    expect(rsDelete?.user?.name).toBe('system:serviceaccount:kube-system:generic-garbage-collector');
  });

  it('orphan: the Deployment goes, its ReplicaSet stays without an owner and keeps its pods', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', DEPLOY_PATH, { body: deployment('web', 2) });
    h.run(30_000);
    const deleted = call(h.cluster, h.admin, 'DELETE', `${DEPLOY_PATH}/web`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Orphan' } });
    expect((deleted.body as KubeObject).metadata['finalizers']).toEqual(['orphan']);
    h.run(30_000);
    expect(call(h.cluster, h.admin, 'GET', `${DEPLOY_PATH}/web`).code).toBe(404);
    const [rs] = h.list<KubeObject>(RS_PATH);
    // (Go would omit the emptied list; the simulated strategic merge patch leaves [].)
    expect(rs?.metadata['ownerReferences'] ?? []).toEqual([]);
    expect(h.list(PODS_PATH)).toHaveLength(2);
  });

  it('refuses a delete whose uid precondition names another object', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', CM_PATH, { body: cm('one', []) });
    const r = call(h.cluster, h.admin, 'DELETE', `${CM_PATH}/one`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'not-its-uid' } } });
    expect(r.code).toBe(409);
    expect((r.body as { message: string }).message).toMatch(/^Operation cannot be fulfilled on configmaps "one": Precondition failed: UID in precondition: not-its-uid, UID in object meta: [0-9a-f-]{36}$/);
  });
});
