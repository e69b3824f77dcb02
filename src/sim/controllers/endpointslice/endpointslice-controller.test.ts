/**
 * The EndpointSlice and Endpoints controllers in a running cluster: a Service with a selector
 * gets one EndpointSlice (generateName `<svc>-`, the service-name and managed-by labels, owned
 * by the Service) and one Endpoints object listing the pods the kubelets run, with the named
 * target port resolved per pod; an unready pod is ready=false/serving=false and in
 * notReadyAddresses; publishNotReadyAddresses lists it as ready; a selector-less Service is left
 * alone; a deleted pod leaves the slice; no pods leave the placeholder slice; a deleted Service's
 * Endpoints go; every write is made under the controllers' own ServiceAccounts.
 */
import { describe, expect, it } from 'vitest';
import type { Endpoints } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { call, Cluster, startedCluster, userClient } from '../../testing/test-cluster';
import { defaultRbacObjects } from '../../apiserver/bootstrap/default-rbac';
import type { RestClient } from '../../client/rest-client';

const service = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default', labels: { tier: 'front' } },
  spec: { ports: [{ port: 80, targetPort: 'http' }], ...spec },
});

const pod = (name: string, nodeName: string, labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels },
  spec: { nodeName, containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }], ...extra }] },
});

function slicesOf(cluster: Cluster, admin: RestClient, svc: string): EndpointSlice[] {
  const list = call(cluster, admin, 'GET', `/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=kubernetes.io/service-name=${svc}`).body as { items: EndpointSlice[] };
  return list.items;
}

function endpointsOf(cluster: Cluster, admin: RestClient, svc: string): Endpoints | undefined {
  const r = call(cluster, admin, 'GET', `/api/v1/namespaces/default/endpoints/${svc}`);
  return r.code === 200 ? (r.body as Endpoints) : undefined;
}

describe('EndpointSlice and Endpoints controllers', () => {
  it('list the pods a Service selects, with the named port resolved, under the controllers own identities', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body: pod('web-1', 'node-1', { app: 'web' }) });
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body: pod('web-2', 'node-2', { app: 'web' }) });
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body: pod('other', 'node-3', { app: 'other' }) });
    expect(call(cluster, admin, 'POST', '/api/v1/namespaces/default/services', { body: service('web', { selector: { app: 'web' } }) }).code).toBe(201);
    cluster.engine.runFor(10_000);

    const slices = slicesOf(cluster, admin, 'web');
    expect(slices).toHaveLength(1);
    const slice = slices[0] as EndpointSlice;
    expect(slice.metadata?.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice.metadata?.generateName).toBe('web-');
    expect(slice.metadata?.labels).toEqual({
      tier: 'front',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice.metadata?.ownerReferences?.[0]).toMatchObject({ apiVersion: 'v1', kind: 'Service', name: 'web', controller: true, blockOwnerDeletion: true });
    expect(slice.metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^2025-/);
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: '', protocol: 'TCP', port: 8080 }]);
    expect(slice.endpoints.map((e) => [e.targetRef?.name, e.nodeName, e.conditions])).toEqual([
      ['web-1', 'node-1', { ready: true, serving: true, terminating: false }],
      ['web-2', 'node-2', { ready: true, serving: true, terminating: false }],
    ]);
    expect(slice.endpoints[0]?.addresses[0]).toMatch(/^10\.244\.1\.\d+$/);

    const ep = endpointsOf(cluster, admin, 'web');
    expect(ep?.metadata?.labels).toEqual({ tier: 'front' });
    expect(ep?.subsets).toHaveLength(1);
    expect(ep?.subsets?.[0]?.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    expect(ep?.subsets?.[0]?.addresses?.map((a) => [a.nodeName, a.targetRef?.name])).toEqual([
      ['node-1', 'web-1'],
      ['node-2', 'web-2'],
    ]);
    const users = cluster.apiserver.audit
      .recent(2000)
      .filter((e) => (e.objectRef?.resource === 'endpointslices' || e.objectRef?.resource === 'endpoints') && e.verb === 'create' && e.objectRef.namespace === 'default' && e.objectRef.name !== 'kubernetes')
      .map((e) => `${e.verb} ${e.objectRef?.resource ?? ''} ${e.user?.name ?? ''}`);
    expect(new Set(users)).toEqual(
      new Set(['create endpointslices system:serviceaccount:kube-system:endpointslice-controller', 'create endpoints system:serviceaccount:kube-system:endpoint-controller']),
    );

    // A deleted pod leaves both.
    call(cluster, admin, 'DELETE', '/api/v1/namespaces/default/pods/web-2');
    cluster.engine.runFor(40_000);
    expect(slicesOf(cluster, admin, 'web')[0]?.endpoints.map((e) => e.targetRef?.name)).toEqual(['web-1']);
    expect(endpointsOf(cluster, admin, 'web')?.subsets?.[0]?.addresses?.map((a) => a.targetRef?.name)).toEqual(['web-1']);

    // A deleted Service's Endpoints go (its slices wait for the garbage collector: they are owned).
    call(cluster, admin, 'DELETE', '/api/v1/namespaces/default/services/web');
    cluster.engine.runFor(2_000);
    expect(endpointsOf(cluster, admin, 'web')).toBeUndefined();
  });

  it('marks an unready pod ready=false, serving=false and lists it under notReadyAddresses; publishNotReadyAddresses lists it as ready', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    // A readiness probe that never passes: nothing listens on 9999.
    const probe = { readinessProbe: { tcpSocket: { port: 9999 }, periodSeconds: 1 } };
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/pods', { body: pod('slow', 'node-1', { app: 'slow' }, probe) });
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/services', { body: service('slow', { selector: { app: 'slow' } }) });
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/services', { body: service('slow-all', { selector: { app: 'slow' }, publishNotReadyAddresses: true }) });
    cluster.engine.runFor(10_000);
    const slow = slicesOf(cluster, admin, 'slow')[0] as EndpointSlice;
    expect(slow.endpoints[0]?.conditions).toEqual({ ready: false, serving: false, terminating: false });
    const ep = endpointsOf(cluster, admin, 'slow');
    expect(ep?.subsets?.[0]?.addresses).toBeUndefined();
    expect(ep?.subsets?.[0]?.notReadyAddresses?.map((a) => a.targetRef?.name)).toEqual(['slow']);
    const all = slicesOf(cluster, admin, 'slow-all')[0] as EndpointSlice;
    expect(all.endpoints[0]?.conditions).toEqual({ ready: true, serving: false, terminating: false });
    expect(endpointsOf(cluster, admin, 'slow-all')?.subsets?.[0]?.addresses?.map((a) => a.targetRef?.name)).toEqual(['slow']);
  });

  it('gives a Service that selects nothing a placeholder slice and an Endpoints without subsets, and leaves a selector-less one alone', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/services', { body: service('empty', { selector: { app: 'none' } }) });
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/services', { body: service('manual', {}) });
    cluster.engine.runFor(5_000);
    const slices = slicesOf(cluster, admin, 'empty');
    expect(slices).toHaveLength(1);
    expect(slices[0]?.endpoints ?? []).toEqual([]);
    expect(slices[0]?.ports ?? []).toEqual([]);
    const ep = endpointsOf(cluster, admin, 'empty');
    expect(ep).toBeDefined();
    expect(ep?.subsets).toBeUndefined();
    expect(slicesOf(cluster, admin, 'manual')).toEqual([]);
    expect(endpointsOf(cluster, admin, 'manual')).toBeUndefined();
    // The kubernetes Service (no selector) keeps the apiserver's own objects.
    expect(slicesOf(cluster, admin, 'kubernetes').map((s) => s.metadata?.name)).toEqual(['kubernetes']);
  });
});

describe('when a write is refused', () => {
  it('reports FailedToUpdateEndpointSlices / FailedToCreateEndpoint with the apiserver error and retries with back-off', () => {
    // The controllers' roles lose their rules for what they write (but keep events).
    const roles = new Set(['system:controller:endpointslice-controller', 'system:controller:endpoint-controller']);
    type Rule = { resources?: string[] };
    const rbacDefaults = defaultRbacObjects().map((o) =>
      o.kind === 'ClusterRole' && roles.has(o.metadata.name ?? '')
        ? { ...o, rules: (o['rules'] as Rule[]).filter((r) => !(r.resources ?? []).some((x) => x === 'endpointslices' || x === 'endpoints')) }
        : o,
    );
    const cluster = new Cluster({ seed: 1, scheduler: false, rbacDefaults });
    cluster.engine.runUntil(5_000);
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/services', { body: service('web', { selector: { app: 'web' } }) });
    cluster.engine.runFor(10_000);
    const events = (call(cluster, admin, 'GET', '/api/v1/namespaces/default/events').body as { items: { reason: string; message: string; count: number; involvedObject: { kind: string } }[] }).items;
    const byReason = new Map(events.map((e) => [e.reason, e]));
    expect(byReason.get('FailedToUpdateEndpointSlices')?.message).toBe(
      'Error updating Endpoint Slices for Service default/web: failed to create EndpointSlice for Service default/web: endpointslices.discovery.k8s.io is forbidden: User "system:serviceaccount:kube-system:endpointslice-controller" cannot create resource "endpointslices" in API group "discovery.k8s.io" in the namespace "default"',
    );
    expect(byReason.get('FailedToUpdateEndpointSlices')?.involvedObject.kind).toBe('Service');
    expect(byReason.get('FailedToCreateEndpoint')?.message).toBe(
      'Failed to create endpoint for service default/web: endpoints is forbidden: User "system:serviceaccount:kube-system:endpoint-controller" cannot create resource "endpoints" in API group "" in the namespace "default"',
    );
    expect(byReason.get('FailedToCreateEndpoint')?.involvedObject.kind).toBe('Endpoints');
    // Retried: 1 s, 2 s, 4 s ... for slices; 5 ms doubling for Endpoints.
    expect(byReason.get('FailedToUpdateEndpointSlices')?.count).toBeGreaterThanOrEqual(3);
    expect(byReason.get('FailedToCreateEndpoint')?.count).toBeGreaterThanOrEqual(8);
  });
});
