/**
 * The ReplicaSet controller in a running cluster (scheduler and kubelets): pods named
 * `<rs>-<5 chars>` with its controller reference, made in slow-start batches with a
 * SuccessfulCreate event each, deleted in ranking order with SuccessfulDelete, orphans adopted
 * and pods that stop matching released, and the status it reports.
 */
import { describe, expect, it } from 'vitest';
import { call } from '../../testing/test-cluster';
import { harness, PODS_PATH, replicaSet, RS_PATH } from '../../testing/workloads';
import type { PodView, ReplicaSetView } from '../controller-utils/types';

describe('ReplicaSet controller', () => {
  it('creates spec.replicas pods named <rs>-<5 chars>, owned by the ReplicaSet, in batches of 1 then 2, and reports them ready', () => {
    const h = harness();
    expect(call(h.cluster, h.admin, 'POST', RS_PATH, { body: replicaSet('web', 3) }).code).toBe(201);
    h.run(30_000);
    const rs = h.get<ReplicaSetView>(`${RS_PATH}/web`);
    const pods = h.list<PodView>(PODS_PATH);
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.generateName).toBe('web-');
      expect(pod.metadata['ownerReferences']).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(pod.status?.phase).toBe('Running');
    }
    expect(rs.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    const created = h.events('ReplicaSet', 'web');
    expect(created).toHaveLength(3);
    for (const e of created) expect(e).toMatch(/^SuccessfulCreate: Created pod: web-[a-z0-9]{5}$/);
    // Slow start: one create, and the next two only once it has come back.
    const creates = h.cluster.apiserver.audit.recent(2000).filter((r) => r.verb === 'create' && r.objectRef?.resource === 'pods' && !r.objectRef.subresource);
    expect(creates.map((r) => r.user?.name)).toEqual(Array(3).fill('system:serviceaccount:kube-system:replicaset-controller'));
    expect(creates[1]?.requestReceivedTimestamp).toBeGreaterThan(creates[0]?.stageTimestamp ?? Infinity);
    expect(creates[2]?.requestReceivedTimestamp).toBe(creates[1]?.requestReceivedTimestamp);
  });

  it('scales down by deleting pods, unscheduled ones first, with SuccessfulDelete events', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', RS_PATH, { body: replicaSet('web', 3) });
    h.run(30_000);
    const rs = h.get<ReplicaSetView>(`${RS_PATH}/web`);
    expect(call(h.cluster, h.admin, 'PUT', `${RS_PATH}/web`, { body: { ...rs, spec: { ...rs.spec, replicas: 1 } } }).code).toBe(200);
    h.run(60_000);
    expect(h.list(PODS_PATH)).toHaveLength(1);
    const deleted = h.events('ReplicaSet', 'web').filter((e) => e.startsWith('SuccessfulDelete'));
    expect(deleted).toHaveLength(2);
    for (const e of deleted) expect(e).toMatch(/^SuccessfulDelete: Deleted pod: web-[a-z0-9]{5}$/);
    expect(h.get<ReplicaSetView>(`${RS_PATH}/web`).status).toMatchObject({ replicas: 1, readyReplicas: 1, observedGeneration: 2 });
  });

  it('adopts an orphan pod that matches its selector, and releases a pod relabelled out of it', () => {
    const h = harness();
    const orphan = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };
    expect(call(h.cluster, h.admin, 'POST', PODS_PATH, { body: orphan }).code).toBe(201);
    call(h.cluster, h.admin, 'POST', RS_PATH, { body: replicaSet('web', 2) });
    h.run(30_000);
    const rs = h.get<ReplicaSetView>(`${RS_PATH}/web`);
    const stray = h.get<PodView>(`${PODS_PATH}/stray`);
    expect(stray.metadata['ownerReferences']).toEqual([expect.objectContaining({ kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true })]);
    expect(h.list(PODS_PATH)).toHaveLength(2);
    const patches = h.cluster.apiserver.audit.recent(2000).filter((r) => r.verb === 'patch' && r.objectRef?.name === 'stray' && !r.objectRef.subresource);
    expect(patches.map((r) => r.user?.name)).toEqual(['system:serviceaccount:kube-system:replicaset-controller']);

    expect(call(h.cluster, h.admin, 'PATCH', `${PODS_PATH}/stray`, { body: { metadata: { labels: { app: 'other' } } }, contentType: 'application/merge-patch+json' }).code).toBe(200);
    h.run(30_000);
    expect(h.get<PodView>(`${PODS_PATH}/stray`).metadata['ownerReferences'] ?? []).toEqual([]);
    // Released, so the ReplicaSet made another to keep two.
    expect(h.list<PodView>(PODS_PATH).filter((p) => p.metadata.labels?.['app'] === 'web')).toHaveLength(2);
  });

  it('records FailedCreate and a ReplicaFailure condition when the apiserver refuses its pods, and stops after the first batch', () => {
    const h = harness();
    const bad = replicaSet('bad', 5);
    // The ServiceAccount admission plugin refuses a pod naming an account that does not exist.
    (bad['spec'] as { template: { spec: Record<string, unknown> } }).template.spec['serviceAccountName'] = 'nope';
    expect(call(h.cluster, h.admin, 'POST', RS_PATH, { body: bad }).code).toBe(201);
    h.run(2_000);
    const events = h.events('ReplicaSet', 'bad');
    expect(events[0]).toMatch(/^FailedCreate: Error creating: pods "bad-(?:[a-z0-9]{5})?" is forbidden: error looking up service account default\/nope: serviceaccount "nope" not found$/);
    const rs = h.get<ReplicaSetView>(`${RS_PATH}/bad`);
    expect(rs.status?.conditions).toEqual([expect.objectContaining({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' })]);
    const creates = h.cluster.apiserver.audit.recent(2000).filter((r) => r.verb === 'create' && r.objectRef?.resource === 'pods' && !r.objectRef.subresource);
    // One per sync (a batch of 1 that failed), retried with the queue's back-off.
    expect(creates.length).toBeGreaterThanOrEqual(2);
    expect(creates.length).toBeLessThan(20);
  });
});
