import { beforeAll, describe, expect, it } from 'vitest';
import { call, startedCluster, userClient, type Cluster } from '../testing/test-cluster';
import { makePod, makeService } from '../testing/builders';
import { lookupFqdn, resolvConf, resolveName } from './cluster-dns';

/**
 * Two nginx pods (web-a on node-2, web-b on node-3), a client pod on node-1, and Services in
 * front of them: `web`, `sticky` (ClientIP affinity), `web-np` (NodePort), `web-headless`, and
 * `empty`, which selects nothing.
 */
let cluster: Cluster;
const ip: Record<string, string> = {};
const clusterIP: Record<string, string> = {};
let nodePort = 0;

beforeAll(() => {
  cluster = startedCluster();
  const admin = userClient(cluster);
  const post = (path: string, body: object) => expect(call(cluster, admin, 'POST', path, { body }).code).toBe(201);
  post('/api/v1/namespaces/default/pods', makePod({ name: 'web-a', labels: { app: 'web' }, nodeName: 'node-2' }));
  post('/api/v1/namespaces/default/pods', makePod({ name: 'web-b', labels: { app: 'web' }, nodeName: 'node-3' }));
  post('/api/v1/namespaces/default/pods', makePod({ name: 'client', nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] }));
  const web = { selector: { app: 'web' }, ports: [{ port: 80 }] };
  post('/api/v1/namespaces/default/services', makeService({ name: 'web', ...web }));
  post('/api/v1/namespaces/default/services', makeService({ name: 'sticky', ...web, spec: { sessionAffinity: 'ClientIP' } }));
  post('/api/v1/namespaces/default/services', makeService({ name: 'web-np', ...web, spec: { type: 'NodePort' } }));
  post('/api/v1/namespaces/default/services', makeService({ name: 'web-headless', ...web, spec: { clusterIP: 'None' } }));
  post('/api/v1/namespaces/default/services', makeService({ name: 'empty', selector: { app: 'nobody' }, ports: [{ port: 80 }] }));
  cluster.engine.runFor(30_000);
  for (const k of cluster.kubelets) for (const s of k.runtime.listPodSandbox()) ip[s.metadata.name] = s.ip;
  for (const name of ['web', 'sticky', 'web-np', 'empty']) {
    const svc = call(cluster, admin, 'GET', `/api/v1/namespaces/default/services/${name}`).body as { spec: { clusterIP: string; ports: { nodePort?: number }[] } };
    clusterIP[name] = svc.spec.clusterIP;
    if (name === 'web-np') nodePort = svc.spec.ports[0]?.nodePort ?? 0;
  }
});

const fromClient = () => ({ node: 'node-1', podIP: ip['client'] ?? '' });
const packetsOf = (node: string, table: 'nat' | 'filter', chain: string, rule: number) => cluster.netfilterOf(node)?.table(table).chain(chain)?.rules[rule]?.packets ?? -1;

describe('Dataplane.connect', () => {
  it('takes a pod to a ClusterIP through its node and the endpoint node, where the counters rise, and the container answers', () => {
    const servicesBefore = packetsOf('node-1', 'nat', 'PREROUTING', 0);
    const forwardBefore = { 'node-2': packetsOf('node-2', 'filter', 'FORWARD', 1), 'node-3': packetsOf('node-3', 'filter', 'FORWARD', 1) };
    const d = cluster.dataplane.connect(fromClient(), clusterIP['web'] ?? '', 80, '/');
    expect(d.outcome).toBe('connected');
    if (d.outcome !== 'connected') return;
    const endpointNode = d.endpoint.node as 'node-2' | 'node-3';
    expect(d.hops.map((h) => h.node)).toEqual(['node-1', endpointNode]);
    expect(d.endpoint.pod?.name).toBe(endpointNode === 'node-2' ? 'web-a' : 'web-b');
    expect(d.hops[0]?.walk.dnat).toBe(true);
    expect(d.response?.status).toBe(200);
    expect(d.response?.body).toContain('<title>Welcome to nginx!</title>');
    expect(packetsOf('node-1', 'nat', 'PREROUTING', 0)).toBe(servicesBefore + 1);
    expect(packetsOf(endpointNode, 'filter', 'FORWARD', 1)).toBe(forwardBefore[endpointNode] + 1);
    // Both conntrack entries saw the answer, and the closed connection.
    for (const h of d.hops) expect(h.walk.conntrack).toMatchObject({ state: 'TIME_WAIT', assured: true, replied: true });
    const open = cluster.dataplane.connect(fromClient(), clusterIP['web'] ?? '', 80);
    for (const h of open.hops) expect(h.walk.conntrack).toMatchObject({ state: 'ESTABLISHED', assured: true });
  });

  it('spreads connections over the endpoints by the rules probabilities, drawn from the seeded Rng', () => {
    const count: Record<string, number> = {};
    for (let i = 0; i < 200; i++) {
      const d = cluster.dataplane.connect(fromClient(), clusterIP['web'] ?? '', 80);
      if (d.outcome === 'connected') count[d.endpoint.pod?.name ?? ''] = (count[d.endpoint.pod?.name ?? ''] ?? 0) + 1;
    }
    expect((count['web-a'] ?? 0) + (count['web-b'] ?? 0)).toBe(200);
    expect(count['web-a']).toBeGreaterThan(70);
    expect(count['web-b']).toBeGreaterThan(70);
  });

  it('sends the same client to the same pod under ClientIP affinity', () => {
    const pods = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const d = cluster.dataplane.connect(fromClient(), clusterIP['sticky'] ?? '', 80);
      expect(d.outcome).toBe('connected');
      if (d.outcome === 'connected') pods.add(d.endpoint.pod?.name ?? '');
    }
    expect(pods.size).toBe(1);
  });

  it('takes a node process to a NodePort on its own address, masqueraded to the node IP', () => {
    const d = cluster.dataplane.connect({ node: 'node-1' }, '10.0.0.11', nodePort, '/');
    expect(d.outcome).toBe('connected');
    expect(d.hops[0]?.walk.snat).toBe(true);
    expect(d.hops[0]?.walk.source.address).toBe('10.0.0.11');
  });

  it('is rejected at once by kube-proxy for a Service without endpoints', () => {
    const d = cluster.dataplane.connect(fromClient(), clusterIP['empty'] ?? '', 80);
    expect(d.outcome).toBe('rejected');
    expect(d.hops[0]?.walk.steps.some((s) => s.action === 'reject' && s.detail === 'icmp-port-unreachable')).toBe(true);
  });

  it('is refused by a pod where nothing listens on the port', () => {
    const d = cluster.dataplane.connect(fromClient(), ip['web-a'] ?? '', 81);
    expect(d).toMatchObject({ outcome: 'refused', endpoint: { node: 'node-2', pod: { name: 'web-a' } } });
  });

  it('times out for an address nobody has, and for a free address in a node pod CIDR', () => {
    expect(cluster.dataplane.connect(fromClient(), '10.200.0.1', 80)).toMatchObject({ outcome: 'timeout', reason: 'no route to 10.200.0.1' });
    expect(cluster.dataplane.connect(fromClient(), '10.244.3.200', 80)).toMatchObject({ outcome: 'timeout', reason: 'no host 10.244.3.200 on node-3' });
  });

  it('is refused on a node address with no Service rule (no host process listens)', () => {
    expect(cluster.dataplane.connect(fromClient(), '10.0.0.12', 8080)).toMatchObject({ outcome: 'refused', endpoint: { node: 'node-2' } });
  });

  it('times out from a node that does not exist', () => {
    expect(cluster.dataplane.connect({ node: 'node-9' }, '10.0.0.12', 80)).toMatchObject({ outcome: 'timeout', reason: 'no node node-9' });
  });
});

describe('cluster DNS', () => {
  it('writes resolv.conf as the kubelet does for ClusterFirst', () => {
    expect(resolvConf('default')).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('resolves svc, svc.ns, the full name and the absolute name through the search list', () => {
    const records = cluster.dnsRecords;
    for (const name of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local', 'web.default.svc.cluster.local.']) {
      expect(resolveName(records, name, 'default')).toEqual({ name: 'web.default.svc.cluster.local', addresses: [clusterIP['web']] });
    }
    expect(resolveName(records, 'kubernetes.default', 'kube-system')).toEqual({ name: 'kubernetes.default.svc.cluster.local', addresses: ['10.96.0.1'] });
    expect(resolveName(records, 'web', 'kube-system')).toBeUndefined();
    expect(resolveName(records, 'nope', 'default')).toBeUndefined();
  });

  it('answers a headless Service with its ready pods, a pod A record, and nothing cluster-wide on a node', () => {
    const records = cluster.dnsRecords;
    expect([...(lookupFqdn(records, 'web-headless.default.svc.cluster.local') ?? [])].sort()).toEqual([ip['web-a'], ip['web-b']].sort());
    expect(lookupFqdn(records, '10-244-1-2.default.pod.cluster.local')).toEqual(['10.244.1.2']);
    expect(lookupFqdn(records, 'web.default.svc.example.com')).toBeUndefined();
    expect(resolveName(records, 'web', undefined)).toBeUndefined();
    expect(resolveName(records, '10.1.2.3', undefined)).toEqual({ name: '10.1.2.3', addresses: ['10.1.2.3'] });
  });
});
