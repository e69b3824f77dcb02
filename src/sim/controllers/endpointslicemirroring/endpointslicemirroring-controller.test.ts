/**
 * The mirroring controller in a running cluster: a Service without a selector and a hand-written
 * Endpoints get one mirrored EndpointSlice (managed-by the mirroring controller, owned by the
 * Endpoints, ready and not-ready addresses, the Endpoints' labels), which kube-proxy then
 * serves; an invalid IP is skipped with an InvalidIPAddress event; the apiserver's own
 * `kubernetes` Endpoints (skip-mirror) is not mirrored; giving the Service a selector removes the
 * mirrored slice.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { call, startedCluster, userClient } from '../../testing/test-cluster';
import { iptablesSave } from '../../node/netfilter/save';

describe('EndpointSlice mirroring controller', () => {
  it('mirrors a selector-less Service\'s Endpoints into a slice kube-proxy serves', () => {
    const cluster = startedCluster();
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/services', {
      body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { ports: [{ name: 'pg', port: 5432 }] } },
    });
    call(cluster, admin, 'POST', '/api/v1/namespaces/default/endpoints', {
      body: {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'db', labels: { team: 'data' } },
        subsets: [{ addresses: [{ ip: '192.168.10.5' }, { ip: 'not-an-ip' }], notReadyAddresses: [{ ip: '192.168.10.6' }], ports: [{ name: 'pg', port: 5432 }] }],
      },
    });
    cluster.engine.runFor(5_000);
    const list = (sel: string) =>
      (call(cluster, admin, 'GET', `/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=${sel}`).body as { items: EndpointSlice[] }).items;
    const slices = list('kubernetes.io/service-name=db');
    expect(slices).toHaveLength(1);
    const slice = slices[0] as EndpointSlice;
    expect(slice.metadata?.name).toMatch(/^db-[a-z0-9]{5}$/);
    expect(slice.metadata?.labels).toEqual({ team: 'data', 'kubernetes.io/service-name': 'db', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' });
    expect(slice.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Endpoints', name: 'db', controller: true });
    expect(slice.ports).toEqual([{ name: 'pg', port: 5432, protocol: 'TCP' }]);
    expect(slice.endpoints.map((e) => [e.addresses[0], e.conditions?.ready])).toEqual([
      ['192.168.10.5', true],
      ['192.168.10.6', false],
    ]);
    const events = (call(cluster, admin, 'GET', '/api/v1/namespaces/default/events').body as { items: { reason: string; message: string; source: { component: string } }[] }).items;
    expect(events.find((e) => e.reason === 'InvalidIPAddress')).toMatchObject({
      message: 'Skipped 1 invalid IP addresses when mirroring to EndpointSlices',
      source: { component: 'endpointslicemirroring-controller' },
    });
    expect(list('endpointslice.kubernetes.io/managed-by=endpointslicemirroring-controller.k8s.io').map((s) => s.metadata?.labels?.['kubernetes.io/service-name'])).toEqual(['db']);
    const netfilter = cluster.netfilterOf('node-1');
    if (!netfilter) throw new Error('node-1 has no netfilter');
    expect(iptablesSave(netfilter, { table: 'nat' })).toContain('-j DNAT --to-destination 192.168.10.5:5432');

    // A selector now: the EndpointSlice controller takes over, the mirrored slice goes.
    const svc = call(cluster, admin, 'GET', '/api/v1/namespaces/default/services/db').body as { spec: Record<string, unknown> };
    call(cluster, admin, 'PUT', '/api/v1/namespaces/default/services/db', { body: { ...svc, spec: { ...svc.spec, selector: { app: 'db' } } } });
    cluster.engine.runFor(5_000);
    expect(list('kubernetes.io/service-name=db').map((s) => s.metadata?.labels?.['endpointslice.kubernetes.io/managed-by'])).toEqual(['endpointslice-controller.k8s.io']);
  });
});
