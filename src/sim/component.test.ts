/**
 * The component contract as a newcomer uses it: kube-controller-manager's controllers share one
 * informer per resource (the apiserver sees one namespaces watch from the controller-manager,
 * not one per controller), `--controllers` turns controllers off, and a new component is one
 * value added to the list (here a do-nothing cloud-controller-manager that only watches nodes),
 * which the topology then draws as simulated.
 */
import { describe, expect, it } from 'vitest';
import { Cluster } from './testing/test-cluster';
import type { Component } from './component';
import { call, userClient } from './testing/test-cluster';

function watchesFrom(cluster: Cluster, user: string, resource: string): number {
  return cluster.apiserver.audit.recent(100_000).filter((r) => r.verb === 'watch' && r.user?.name === user && r.objectRef?.resource === resource).length;
}

describe('the component contract', () => {
  it('gives kube-controller-manager one namespaces watch for the two controllers that read namespaces', () => {
    const cluster = new Cluster({ scheduler: false });
    cluster.engine.runUntil(5_000);
    expect(watchesFrom(cluster, 'system:kube-controller-manager', 'namespaces')).toBe(1);
    // One list and one watch per resource, however many controllers read it (the count grows with the controllers).
    const stats = cluster.informersOf('kube-controller-manager')?.stats();
    expect(stats?.informers).toBeGreaterThanOrEqual(10);
    expect(stats).toEqual({ informers: stats?.informers, lists: stats?.informers, watches: stats?.informers });
    // Both controllers still work off that one watch.
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } } });
    cluster.engine.runUntil(cluster.engine.now() + 2_000);
    expect(call(cluster, admin, 'GET', '/api/v1/namespaces/team-a/serviceaccounts/default').code).toBe(200);
    expect(call(cluster, admin, 'GET', '/api/v1/namespaces/team-a/configmaps/kube-root-ca.crt').code).toBe(200);
  });

  it('starts only the controllers --controllers enables', () => {
    const cluster = new Cluster({ scheduler: false, controllers: ['*', '-root-ca-cert-publisher'] });
    cluster.engine.runUntil(5_000);
    const admin = userClient(cluster);
    call(cluster, admin, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-b' } } });
    cluster.engine.runUntil(cluster.engine.now() + 2_000);
    expect(call(cluster, admin, 'GET', '/api/v1/namespaces/team-b/serviceaccounts/default').code).toBe(200);
    expect(call(cluster, admin, 'GET', '/api/v1/namespaces/team-b/configmaps/kube-root-ca.crt').code).toBe(404);
  });

  it("says which of kube-controller-manager's controllers run, for the page", () => {
    const parts = (controllers?: string[]) =>
      new Cluster({ scheduler: false, ...(controllers ? { controllers } : {}) }).topology.components.find((c) => c.id === 'kube-controller-manager')?.parts ?? [];
    const running = parts().filter((p) => p.simulated).map((p) => p.name);
    expect(running).toEqual(expect.arrayContaining(['serviceaccount-controller', 'root-ca-certificate-publisher-controller', 'clusterrole-aggregation-controller']));
    expect(parts().find((p) => p.name === 'horizontal-pod-autoscaler-controller')).toEqual({ name: 'horizontal-pod-autoscaler-controller', simulated: true });
    expect(parts().find((p) => p.name === 'resourcequota-controller')).toEqual({ name: 'resourcequota-controller', simulated: true });
    expect(parts().find((p) => p.name === 'persistentvolume-binder-controller')).toEqual({ name: 'persistentvolume-binder-controller', simulated: false });
    expect(parts(['*', '-serviceaccount']).find((p) => p.name === 'serviceaccount-controller')?.simulated).toBe(false);
  });

  it('refuses an unknown controller name as kube-controller-manager does', () => {
    expect(() => new Cluster({ controllers: ['*', 'replicaset-controler'] })).toThrow('"replicaset-controler" is not in the list of known controllers');
  });

  it('adds a component with one list entry, and the topology draws it as simulated', () => {
    const seen: string[] = [];
    const cloudControllerManager: Component = {
      name: 'cloud-controller-manager',
      kind: 'cloud-controller-manager',
      host: 'control-plane',
      credentials: { clientCertificate: { commonName: 'system:kube-controller-manager', organizations: [] } },
      start(ctx) {
        const nodes = ctx.informers.informerFor('nodes');
        nodes.addEventHandler({ onAdd: (node) => seen.push(node.metadata.name ?? '') });
        ctx.engine.schedule(500, 'cloud-controller-manager: start', () => ctx.informers.start());
      },
    };
    const without = new Cluster({ scheduler: false, cloud: false });
    expect(without.topology.components.find((c) => c.id === 'cloud-controller-manager')?.simulated).toBe(false);

    const cluster = new Cluster({ scheduler: false, cloud: false, components: (defaults) => [...defaults, cloudControllerManager] });
    cluster.engine.runUntil(5_000);
    expect(cluster.topology.components.find((c) => c.id === 'cloud-controller-manager')?.simulated).toBe(true);
    expect(seen.sort()).toEqual(['node-1', 'node-2', 'node-3']);
    // One watch of nodes from it, beside kube-controller-manager's own (the EndpointSlice controller's).
    expect(cluster.apiserver.audit.recent(100_000).filter((r) => r.verb === 'watch' && r.source === 'cloud-controller-manager' && r.objectRef?.resource === 'nodes')).toHaveLength(1);

    // And removed again: the list without it is the cluster without it.
    const removed = new Cluster({ components: (defaults) => defaults.filter((c) => c.kind !== 'kube-scheduler') });
    expect(removed.scheduler).toBeUndefined();
    expect(removed.topology.components.find((c) => c.id === 'kube-scheduler')?.simulated).toBe(false);
  });
});
