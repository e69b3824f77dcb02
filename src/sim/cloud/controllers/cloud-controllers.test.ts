/** The cloud controllers' decisions and error paths: which Services want a load balancer, which nodes back one, a cloud that fails. */
import { describe, expect, it } from 'vitest';
import type { Node, Service } from 'kubernetes-types/core/v1';
import { call, userClient } from '../../testing/test-cluster';
import { Cluster } from '../../testing/test-cluster';
import { SharedInformerFactory } from '../../client/shared-informer-factory';
import { SimulatedCloud, type CloudResult, type LoadBalancer, type LoadBalancerPort } from '../simulated-cloud';
import { loadBalancerNodes, needsCleanup, ServiceController, wantsLoadBalancer } from './service/service-controller';
import { planRoutes } from './route/route-controller';
import { initializedNode } from './node/cloud-node-controller';

interface EventLike {
  reason: string;
  message: string;
  type: string;
  involvedObject: { name: string };
}

const ready = (name: string, status = 'True', labels: Record<string, string> = {}): Node => ({ metadata: { name, labels }, status: { conditions: [{ type: 'Ready', status }] } });

describe('service controller decisions', () => {
  it('wantsLoadBalancer / needsCleanup', () => {
    const lb: Service = { metadata: { name: 'a' }, spec: { type: 'LoadBalancer' } };
    expect(wantsLoadBalancer(lb)).toBe(true);
    expect(wantsLoadBalancer({ ...lb, spec: { type: 'LoadBalancer', loadBalancerClass: 'example.com/other' } })).toBe(false);
    expect(needsCleanup(lb)).toBe(false);
    const held = { ...lb, metadata: { name: 'a', finalizers: ['service.kubernetes.io/load-balancer-cleanup'] } };
    expect(needsCleanup({ ...held, spec: { type: 'ClusterIP' } })).toBe(true);
    expect(needsCleanup({ ...held, metadata: { ...held.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } })).toBe(true);
  });

  it('backs a load balancer with the Ready nodes not excluded from it', () => {
    expect(loadBalancerNodes([ready('n3'), ready('n1'), ready('n2', 'Unknown'), ready('n4', 'True', { 'node.kubernetes.io/exclude-from-external-load-balancers': '' }), { metadata: { name: 'n5' }, status: {} }])).toEqual(['n1', 'n3']);
  });
});

describe('route controller plan', () => {
  it('creates the missing routes and deletes those of gone nodes or changed CIDRs', () => {
    const node = (name: string, cidr: string): Node => ({ metadata: { name, uid: `uid-${name}` }, spec: { podCIDRs: [cidr] } });
    const plan = planRoutes([node('n1', '10.244.1.0/24'), node('n2', '10.244.9.0/24')], [
      { name: 'r1', targetNode: 'n1', destinationCIDR: '10.244.1.0/24' },
      { name: 'r2', targetNode: 'n2', destinationCIDR: '10.244.2.0/24' },
      { name: 'r3', targetNode: 'gone', destinationCIDR: '10.244.3.0/24' },
    ]);
    expect(plan.create.map((c) => `${c.node.metadata?.name} ${c.cidr}`)).toEqual(['n2 10.244.9.0/24']);
    expect(plan.remove).toEqual(['r2', 'r3']);
  });
});

describe('cloud node controller', () => {
  it('initializedNode keeps other taints and an existing providerID', () => {
    const meta = { providerID: 'kubearch://n1', instanceType: 't', zone: 'z', region: 'r', nodeAddresses: [] };
    const node = initializedNode({ metadata: { name: 'n1' }, spec: { providerID: 'other://n1', taints: [{ key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' }, { key: 'dedicated', effect: 'NoSchedule' }] } }, meta);
    expect(node.spec?.providerID).toBe('other://n1');
    expect(node.spec?.taints).toEqual([{ key: 'dedicated', effect: 'NoSchedule' }]);
  });

  it('a node the cloud does not know stays uninitialized (tainted), the others are set up', () => {
    const c = new Cluster({ scheduler: false });
    c.cloud?.removeInstance('node-3');
    c.engine.runUntil(10_000);
    const admin = userClient(c);
    const n3 = call(c, admin, 'GET', '/api/v1/nodes/node-3').body as Node;
    expect(n3.spec?.taints?.map((t) => t.key)).toEqual(['node.cloudprovider.kubernetes.io/uninitialized']);
    expect(n3.spec?.providerID).toBeUndefined();
    expect((call(c, admin, 'GET', '/api/v1/nodes/node-1').body as Node).spec?.providerID).toBe('kubearch://node-1');
    // It keeps asking the cloud, with the queue's back-off.
    expect(c.cloud?.calls.filter((x) => x === 'InstanceMetadata node-3').length).toBeGreaterThan(3);
  });
});

/** A cloud whose load balancers cannot be made. */
class FailingCloud extends SimulatedCloud {
  override ensureLoadBalancer(_name: string, _service: string, _ports: readonly LoadBalancerPort[], _nodes: readonly string[], done: (r: CloudResult<LoadBalancer>) => void): void {
    done({ ok: false, error: 'quota exceeded' });
  }
}

describe('service controller against a failing cloud', () => {
  it('records SyncLoadBalancerFailed, leaves the Service <pending> and tries again', () => {
    const c = new Cluster({ scheduler: false, cloud: false });
    c.engine.runUntil(3_000);
    const admin = userClient(c);
    new ServiceController(c.engine, new SharedInformerFactory(c.engine, admin), admin, new FailingCloud(c.engine, [])).start();
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] } };
    expect(call(c, admin, 'POST', '/api/v1/namespaces/default/services', { body: svc }).code).toBe(201);
    c.engine.runFor(5_000);
    expect((call(c, admin, 'GET', '/api/v1/namespaces/default/services/web').body as Service).status?.loadBalancer).toEqual({});
    const events = (call(c, admin, 'GET', '/api/v1/namespaces/default/events').body as { items: (EventLike & { count: number })[] }).items.filter((e) => e.involvedObject.name === 'web');
    const failed = events.find((e) => e.reason === 'SyncLoadBalancerFailed');
    expect(failed).toMatchObject({ type: 'Warning', message: 'Error syncing load balancer: failed to ensure load balancer: quota exceeded' });
    expect(failed?.count).toBeGreaterThan(1);
  });
});
