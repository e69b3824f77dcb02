/** The resource quota controller: status.hard and status.used follow the spec and the namespace's objects. */
import { describe, expect, it } from 'vitest';
import { call } from '../../testing/test-cluster';
import { deployment, harness, PODS_PATH } from '../../testing/workloads';

const QUOTAS_PATH = '/api/v1/namespaces/default/resourcequotas';
const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'counts', namespace: 'default' }, spec: { hard: { pods: '10', 'count/deployments.apps': '2', configmaps: '5', 'services.nodeports': '1' } } };
type QuotaStatus = { status?: { hard?: Record<string, string>; used?: Record<string, string> } };

describe('resource quota controller', () => {
  it('writes status.hard and status.used, and follows creations and deletions in the namespace', () => {
    const h = harness();
    expect(call(h.cluster, h.admin, 'POST', QUOTAS_PATH, { body: quota }).code).toBe(201);
    h.run(2_000);
    const before = h.get<QuotaStatus>(`${QUOTAS_PATH}/counts`).status;
    expect(before?.hard).toEqual(quota.spec.hard);
    // kube-root-ca.crt is already in the namespace.
    expect(before?.used).toEqual({ pods: '0', 'count/deployments.apps': '0', configmaps: '1', 'services.nodeports': '0' });

    call(h.cluster, h.admin, 'POST', '/apis/apps/v1/namespaces/default/deployments', { body: deployment('web', 3) });
    h.run(20_000);
    expect(h.list(PODS_PATH)).toHaveLength(3);
    expect(h.get<QuotaStatus>(`${QUOTAS_PATH}/counts`).status?.used).toMatchObject({ pods: '3', 'count/deployments.apps': '1' });

    call(h.cluster, h.admin, 'DELETE', '/apis/apps/v1/namespaces/default/deployments/web');
    h.run(60_000);
    expect(h.get<QuotaStatus>(`${QUOTAS_PATH}/counts`).status?.used).toMatchObject({ pods: '0', 'count/deployments.apps': '0' });

    const writers = new Set(h.cluster.apiserver.audit.recent(5000).filter((r) => r.objectRef?.resource === 'resourcequotas' && r.objectRef.subresource === 'status').map((r) => r.user?.name));
    expect([...writers]).toEqual(['system:serviceaccount:kube-system:resourcequota-controller']);
  });

  it('writes nothing when the status is already current', () => {
    const h = harness();
    call(h.cluster, h.admin, 'POST', QUOTAS_PATH, { body: quota });
    h.run(2_000);
    const rv = h.get<{ metadata: { resourceVersion: string } }>(`${QUOTAS_PATH}/counts`).metadata.resourceVersion;
    h.run(30_000);
    expect(h.get<{ metadata: { resourceVersion: string } }>(`${QUOTAS_PATH}/counts`).metadata.resourceVersion).toBe(rv);
  });
});
