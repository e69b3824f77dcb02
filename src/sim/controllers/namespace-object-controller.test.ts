/**
 * The serviceaccount controller and root-ca-cert-publisher in a real cluster: a new namespace
 * gets its `default` ServiceAccount and `kube-root-ca.crt` ConfigMap, each is made again when
 * deleted, and the writes are the controllers' own (their service accounts), as the audit shows.
 */
import { describe, expect, it } from 'vitest';
import { call, startedCluster, userClient } from '../testing/test-cluster';
import { ROOT_CA_CONFIGMAP } from './root-ca-cert-publisher';

const settle = (cluster: ReturnType<typeof startedCluster>) => cluster.engine.runUntil(cluster.engine.now() + 2_000);

describe('per-namespace objects kept by kube-controller-manager', () => {
  it('makes the default ServiceAccount and the root CA ConfigMap in a new namespace, and again when deleted', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    expect(call(cluster, admin, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } } }).code).toBe(201);
    settle(cluster);
    const sa = '/api/v1/namespaces/team-a/serviceaccounts/default';
    const cm = `/api/v1/namespaces/team-a/configmaps/${ROOT_CA_CONFIGMAP}`;
    const first = call(cluster, admin, 'GET', sa).body as { metadata: { uid: string } };
    expect(call(cluster, admin, 'GET', cm)).toMatchObject({ code: 200, body: { data: { 'ca.crt': expect.stringContaining('BEGIN CERTIFICATE') } } });
    const creators = cluster.apiserver.audit
      .recent(2000)
      .filter((r) => r.verb === 'create' && r.objectRef?.namespace === 'team-a')
      .map((r) => `${r.objectRef?.resource} ${r.user?.name}`);
    expect(creators).toEqual(
      expect.arrayContaining([
        'serviceaccounts system:serviceaccount:kube-system:service-account-controller',
        'configmaps system:serviceaccount:kube-system:root-ca-cert-publisher',
      ]),
    );

    expect(call(cluster, admin, 'DELETE', sa).code).toBe(200);
    expect(call(cluster, admin, 'DELETE', cm).code).toBe(200);
    settle(cluster);
    const again = call(cluster, admin, 'GET', sa);
    expect(again.code).toBe(200);
    expect((again.body as { metadata: { uid: string } }).metadata.uid).not.toBe(first.metadata.uid);
    expect(call(cluster, admin, 'GET', cm).code).toBe(200);
  });

  it('leaves a terminating namespace alone', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } } });
    settle(cluster);
    expect(call(cluster, admin, 'DELETE', '/api/v1/namespaces/gone').code).toBe(200);
    const deleted = call(cluster, admin, 'DELETE', '/api/v1/namespaces/gone/serviceaccounts/default');
    expect(deleted.code).toBe(200);
    settle(cluster);
    expect(call(cluster, admin, 'GET', '/api/v1/namespaces/gone/serviceaccounts/default').code).toBe(404);
    // Not even tried (NamespaceLifecycle would refuse it): no create after the delete.
    const records = cluster.apiserver.audit.recent(2000);
    const after = records.slice(records.findIndex((r) => r.auditID === deleted.auditID) + 1);
    expect(after.filter((r) => r.verb === 'create' && r.objectRef?.namespace === 'gone')).toEqual([]);
  });
});
