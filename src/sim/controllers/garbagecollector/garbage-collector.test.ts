/**
 * The garbage collector in a running cluster: a deleted Deployment takes its ReplicaSets and
 * their pods (background propagation, the dependents deleted after the owner), an object whose
 * owner never existed is deleted, and an object with one live owner left only loses the
 * reference to the gone one. Its writes are generic-garbage-collector's.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../../testing/test-cluster';
import { deployment, DEPLOY_PATH, harness, PODS_PATH, RS_PATH } from '../testing/workloads';
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
});
