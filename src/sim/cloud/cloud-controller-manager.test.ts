/**
 * cloud-controller-manager with the simulated cloud: the kubelets' uninitialized taint goes and
 * the Nodes get their providerID, zone and region labels and the cloud's addresses; a
 * LoadBalancer Service gets an address from 203.0.113.0/24 with EnsuringLoadBalancer /
 * EnsuredLoadBalancer, and loses its load balancer when deleted; each node's pod CIDR has a route.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Service } from 'kubernetes-types/core/v1';
import { call, startedCluster, userClient } from '../testing/test-cluster';
import { Cluster } from '../testing/test-cluster';

/** cluster.ts BOOT_MS: when the page and the runner hand the cluster over. */
const BOOT_MS = 2_000;

interface EventLike {
  reason: string;
  message: string;
  involvedObject: { kind: string; name: string };
  source: { component: string };
}

const svc = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { type: 'LoadBalancer', selector: { app: name }, ports: [{ port: 80, targetPort: 80 }] },
});

describe('cloud-controller-manager', () => {
  it('initializes the nodes before the cluster is handed over: providerID, zone labels, addresses, no uninitialized taint', () => {
    const c = new Cluster({ scheduler: false });
    c.engine.runUntil(BOOT_MS);
    const admin = userClient(c);
    const nodes = (call(c, admin, 'GET', '/api/v1/nodes').body as { items: Node[] }).items;
    expect(nodes.map((n) => `${n.metadata?.name} ${n.spec?.providerID} ${n.metadata?.labels?.['topology.kubernetes.io/zone']} ${n.metadata?.labels?.['topology.kubernetes.io/region']}`)).toEqual([
      'node-1 kubearch://node-1 kubearch-1a kubearch-1',
      'node-2 kubearch://node-2 kubearch-1b kubearch-1',
      'node-3 kubearch://node-3 kubearch-1c kubearch-1',
    ]);
    for (const n of nodes) expect(n.spec?.taints ?? []).toEqual([]);
    expect(nodes[0]?.metadata?.labels?.['node.kubernetes.io/instance-type']).toBe('ka-standard-2');
    expect(nodes[0]?.status?.addresses).toEqual([
      { type: 'InternalIP', address: '10.0.0.11' },
      { type: 'ExternalIP', address: '198.51.100.11' },
      { type: 'Hostname', address: 'node-1' },
    ]);
    const synced = (call(c, admin, 'GET', '/api/v1/namespaces/default/events').body as { items: EventLike[] }).items.filter((e) => e.reason === 'Synced');
    expect(synced.map((e) => `${e.involvedObject.name} ${e.source.component}: ${e.message}`).sort()).toEqual([
      'node-1 cloud-node-controller: Node synced successfully',
      'node-2 cloud-node-controller: Node synced successfully',
      'node-3 cloud-node-controller: Node synced successfully',
    ]);
    // It acted as its ServiceAccount, bound to system:cloud-controller-manager.
    const writers = c.apiserver.audit.recent(10_000).filter((r) => r.objectRef?.resource === 'nodes' && r.verb === 'update');
    expect(new Set(writers.map((r) => r.user?.name))).toEqual(new Set(['system:serviceaccount:kube-system:cloud-controller-manager']));
  });

  it('gives a LoadBalancer Service an address from the pool, and deletes its load balancer with it', () => {
    const c = startedCluster();
    const admin = userClient(c);
    expect(call(c, admin, 'POST', '/api/v1/namespaces/default/services', { body: svc('web') }).code).toBe(201);
    c.engine.runFor(1_000);
    // Provisioning: still <pending>.
    expect((call(c, admin, 'GET', '/api/v1/namespaces/default/services/web').body as Service).status?.loadBalancer).toEqual({});
    c.engine.runFor(5_000);
    const web = call(c, admin, 'GET', '/api/v1/namespaces/default/services/web').body as Service;
    expect(web.status?.loadBalancer?.ingress).toEqual([{ ip: '203.0.113.1', ipMode: 'VIP' }]);
    expect(web.metadata?.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup']);
    expect(c.cloud?.listLoadBalancers().map((lb) => `${lb.service} ${lb.ip} ${lb.nodes.join(',')} ${lb.ports.map((p) => `${p.port}:${p.nodePort}`).join(',')}`)).toEqual([
      `default/web 203.0.113.1 node-1,node-2,node-3 80:${web.spec?.ports?.[0]?.nodePort}`,
    ]);
    const events = () => (call(c, admin, 'GET', '/api/v1/namespaces/default/events').body as { items: EventLike[] }).items.filter((e) => e.involvedObject.kind === 'Service');
    expect(events().map((e) => `${e.source.component} ${e.reason}: ${e.message}`)).toEqual(['service-controller EnsuringLoadBalancer: Ensuring load balancer', 'service-controller EnsuredLoadBalancer: Ensured load balancer']);

    expect(call(c, admin, 'POST', '/api/v1/namespaces/default/services', { body: svc('api') }).code).toBe(201);
    c.engine.runFor(5_000);
    expect((call(c, admin, 'GET', '/api/v1/namespaces/default/services/api').body as Service).status?.loadBalancer?.ingress?.[0]?.ip).toBe('203.0.113.2');

    // Deleted: the finalizer holds it until the load balancer is gone.
    expect(call(c, admin, 'DELETE', '/api/v1/namespaces/default/services/web').code).toBe(200);
    c.engine.runFor(2_000);
    expect(call(c, admin, 'GET', '/api/v1/namespaces/default/services/web').code).toBe(404);
    expect(c.cloud?.listLoadBalancers().map((lb) => lb.service)).toEqual(['default/api']);
    expect(events().filter((e) => e.involvedObject.name === 'web').map((e) => e.reason)).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer', 'DeletingLoadBalancer', 'DeletedLoadBalancer']);
  });

  it('keeps a route per node pod CIDR and marks the nodes NetworkUnavailable=False RouteCreated', () => {
    const c = startedCluster();
    c.engine.runFor(15_000);
    expect(c.cloud?.listRoutesNow().map((r) => `${r.targetNode} ${r.destinationCIDR}`).sort()).toEqual(['node-1 10.244.1.0/24', 'node-2 10.244.2.0/24', 'node-3 10.244.3.0/24'].sort());
    const node = call(c, userClient(c), 'GET', '/api/v1/nodes/node-2').body as Node;
    expect(node.status?.conditions?.find((x) => x.type === 'NetworkUnavailable')).toMatchObject({ status: 'False', reason: 'RouteCreated', message: 'RouteController created a route' });
  });

  it('a cluster outside the cloud has no cloud-controller-manager and no uninitialized taint', () => {
    const c = new Cluster({ scheduler: false, cloud: false });
    c.engine.runUntil(BOOT_MS);
    expect(c.cloud).toBeUndefined();
    const node = call(c, userClient(c), 'GET', '/api/v1/nodes/node-1').body as Node;
    expect(node.spec?.providerID).toBeUndefined();
    expect(node.spec?.taints ?? []).toEqual([]);
  });
});
