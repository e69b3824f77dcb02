import { describe, expect, it } from 'vitest';
import { call, startedCluster, userClient, type Cluster } from '../testing/test-cluster';
import { makePod, makeService } from '../testing/builders';
import type { Delivery } from './dataplane';

/** Two nginx pods (node-2, node-3), a client pod on node-1, and Service `web` in front of the nginx pods. */
function trafficCluster(serviceSpec: Record<string, unknown> = {}): { cluster: Cluster; clientIP: string; webIP: string } {
  const cluster = startedCluster();
  const admin = userClient(cluster);
  const post = (path: string, body: object) => expect(call(cluster, admin, 'POST', path, { body }).code).toBe(201);
  post('/api/v1/namespaces/default/pods', makePod({ name: 'web-a', labels: { app: 'web' }, nodeName: 'node-2' }));
  post('/api/v1/namespaces/default/pods', makePod({ name: 'web-b', labels: { app: 'web' }, nodeName: 'node-3' }));
  post('/api/v1/namespaces/default/pods', makePod({ name: 'client', nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
  post('/api/v1/namespaces/default/services', makeService({ name: 'web', selector: { app: 'web' }, ports: [{ port: 80 }], spec: serviceSpec }));
  post('/api/v1/namespaces/default/services', makeService({ name: 'empty', selector: { app: 'nobody' }, ports: [{ port: 80 }] }));
  cluster.engine.runFor(30_000);
  const ipOf = (node: string, pod: string) => cluster.kubelets.find((k) => k.shape.name === node)?.runtime.listPodSandbox().find((s) => s.metadata.name === pod)?.ip ?? '';
  const clientIP = ipOf('node-1', 'client');
  const webIP = String((call(cluster, admin, 'GET', '/api/v1/namespaces/default/services/web').body as { spec: { clusterIP: string } }).spec.clusterIP);
  return { cluster, clientIP, webIP };
}

describe('Dataplane.connect', () => {
  it('sends a pod to a ClusterIP through both nodes and gets the endpoint answer', () => {
    const { cluster, clientIP, webIP } = trafficCluster();
    const d: Delivery = cluster.dataplane.connect({ node: 'node-1', podIP: clientIP }, webIP, 80, '/');
    expect(d.outcome).toBe('connected');
    if (d.outcome !== 'connected') return;
    expect(d.hops.map((h) => h.node)).toEqual(['node-1', d.endpoint.node]);
    expect(d.response?.status).toBe(200);
  });
});
